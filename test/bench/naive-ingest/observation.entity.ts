import { Column, Entity, PrimaryColumn } from 'typeorm';

/** ingest.observations as a TypeORM entity, for the naive baseline's one-`save()`-per-row path. */
@Entity({ schema: 'ingest', name: 'observations' })
export class ObservationEntity {
  @PrimaryColumn() source: string;
  @PrimaryColumn({ name: 'source_record_id' }) sourceRecordId: string;
  @Column({ name: 'kafka_partition', type: 'int' }) kafkaPartition: number;
  @Column({ name: 'kafka_offset', type: 'bigint' }) kafkaOffset: string;
  @Column({ name: 'observed_at', type: 'date' }) observedAt: string;
  @Column() role: string;
  @Column() level: string;
  @Column() zone: string;
  @Column() country: string;
  @Column({ type: 'text', nullable: true }) region: string | null;
  @Column({ type: 'text', nullable: true }) city: string | null;
  @Column({ name: 'employment_type' }) employmentType: string;
  @Column() period: string;
  @Column({ name: 'original_currency' }) originalCurrency: string;
  @Column({ name: 'original_base', type: 'numeric' }) originalBase: number;
  @Column() currency: string;
  @Column({ type: 'numeric' }) base: number;
  @Column({ type: 'numeric', nullable: true }) bonus: number | null;
  @Column({ type: 'numeric', nullable: true }) equity: number | null;
  @Column({ name: 'base_usd', type: 'numeric' }) baseUsd: number;
  @Column({ name: 'fx_rate', type: 'double precision' }) fxRate: number;
  @Column({ name: 'fx_as_of', type: 'date' }) fxAsOf: string;
  @Column({ name: 'company_id', type: 'text', nullable: true }) companyId: string | null;
  @Column({ type: 'double precision' }) weight: number;
}
