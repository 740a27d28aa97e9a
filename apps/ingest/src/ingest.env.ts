import { IsInt, IsString, Max, Min } from 'class-validator';
import { CommonEnv } from '@rangefinder/platform';

export class IngestEnv extends CommonEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  INGEST_PORT: number = 3001;

  @IsString()
  INGEST_CONSUMER_GROUP: string = 'rangefinder-ingest';

  @IsInt()
  @Min(1)
  @Max(50000)
  INGEST_CHUNK_SIZE: number = 2000;

  @IsInt()
  @Min(1)
  @Max(64)
  INGEST_PARTITION_CONCURRENCY: number = 3;

  @IsInt()
  @Min(1024)
  @Max(1024 * 1024)
  INGEST_MAX_MESSAGE_BYTES: number = 64 * 1024;
}
