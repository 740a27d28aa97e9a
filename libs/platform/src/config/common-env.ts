import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/rangefinder';
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

/** Variables every Rangefinder process reads. Services extend this with their own. */
export class CommonEnv {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = DEFAULT_DATABASE_URL;

  @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS: string = DEFAULT_KAFKA_BROKERS;

  /** Prefix of every project topic on the broker (see physicalTopic); empty in production. */
  @Matches(/^[a-zA-Z0-9._-]*$/, {
    message: 'KAFKA_TOPIC_NAMESPACE may hold only a-z A-Z 0-9 . _ -',
  })
  KAFKA_TOPIC_NAMESPACE: string = '';

  @IsString()
  KAFKA_CLIENT_ID: string = 'rangefinder';

  /** Address services bind HTTP to; loopback by default so nothing is exposed unless asked. */
  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(600000)
  KAFKA_CONNECTION_TIMEOUT_MS: number = 10000;

  /**
   * How long the group waits for a silent consumer before giving its partitions to the others
   * (a crashed replica's work resumes after this). The broker bounds it (6 s–30 min by default).
   */
  @IsInt()
  @Min(1000)
  @Max(1800000)
  KAFKA_SESSION_TIMEOUT_MS: number = 30000;

  /** How often a consumer tells the group it is alive; also how soon it learns of a rebalance. */
  @IsInt()
  @Min(100)
  @Max(60000)
  KAFKA_HEARTBEAT_INTERVAL_MS: number = 3000;

  /** Requests a second one client (bearer token, or address without one) may make. */
  @IsInt()
  @Min(1)
  HTTP_RATE_LIMIT_PER_SECOND: number = 2000;

  /** Largest JSON request body, in bytes; larger gets 413. */
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  HTTP_BODY_LIMIT_BYTES: number = 64 * 1024;
}
