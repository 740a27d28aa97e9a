import { IsInt, IsString, Max, Min } from 'class-validator';
import { CommonEnv } from '@rangefinder/platform';

export class BandsEnv extends CommonEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  BANDS_PORT: number = 3002;

  @IsString()
  BANDS_CONSUMER_GROUP: string = 'rangefinder-bands';

  @IsInt()
  @Min(1)
  @Max(50000)
  BANDS_CHUNK_SIZE: number = 2000;
}
