import 'reflect-metadata';
import { Controller, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, KafkaContext, Payload, Transport } from '@nestjs/microservices';
import { InjectDataSource, InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { CATALOGUE_ENTITIES, Catalogue, readCatalogue } from '@rangefinder/catalogue';
import { DatapointV1, Topic, physicalTopic } from '@rangefinder/contracts';
import { dataSourceOptions } from '@rangefinder/database';
import { normalizeDatapoint } from '../../../apps/ingest/src/datapoints/datapoint-normalizer';
import { ObservationEntity } from './observation.entity';

/**
 * The naive baseline the ingest benchmark compares against: Nest's own Kafka transport with a
 * per-message `@EventPattern` handler, the same validation and normalization, and one TypeORM
 * `save()` per row. Not part of the product.
 */
const TOPIC = physicalTopic(Topic.Datapoints, process.env.KAFKA_TOPIC_NAMESPACE ?? '');

@Injectable()
class CatalogueHolder implements OnModuleInit {
  catalogue!: Catalogue;
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}
  async onModuleInit() {
    this.catalogue = new Catalogue((await readCatalogue(this.dataSource)).snapshot);
  }
}

@Controller()
class NaiveDatapointsController {
  constructor(
    @InjectRepository(ObservationEntity)
    private readonly observations: Repository<ObservationEntity>,
    private readonly holder: CatalogueHolder,
  ) {}

  @EventPattern(TOPIC)
  async onDatapoint(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const datapoint = plainToInstance(DatapointV1, value);
    if ((await validate(datapoint)).length > 0) return;
    const message = context.getMessage();
    const today = new Date().toISOString().slice(0, 10);
    const result = normalizeDatapoint(
      datapoint,
      { partition: context.getPartition(), offset: message.offset },
      this.holder.catalogue,
      today,
    );
    if (result.kind !== 'accepted') return;
    const { partition, offset, ...fields } = result.observation;
    await this.observations.save(
      this.observations.create({ ...fields, kafkaPartition: partition, kafkaOffset: offset }),
    );
  }
}

@Module({
  imports: [
    TypeOrmModule.forRoot({
      ...dataSourceOptions({ url: process.env.DATABASE_URL!, schema: 'ingest' }),
      entities: [ObservationEntity, ...CATALOGUE_ENTITIES],
    }),
    TypeOrmModule.forFeature([ObservationEntity]),
  ],
  controllers: [NaiveDatapointsController],
  providers: [CatalogueHolder],
})
class NaiveIngestModule {}

async function bootstrap() {
  const app = await NestFactory.createMicroservice(NaiveIngestModule, {
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'naive-ingest', brokers: process.env.KAFKA_BROKERS!.split(',') },
      consumer: { groupId: process.env.NAIVE_GROUP ?? 'naive-ingest' },
      subscribe: { fromBeginning: true },
    },
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen();
  new Logger('NaiveIngest').log('consuming');
}

void bootstrap();
