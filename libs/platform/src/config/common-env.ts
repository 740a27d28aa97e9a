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
