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
}
