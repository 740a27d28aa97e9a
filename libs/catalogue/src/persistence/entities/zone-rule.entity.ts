import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'catalogue', name: 'zone_rules' })
export class ZoneRuleEntity {
  @PrimaryColumn({ type: 'text', name: 'zone_code' })
  zoneCode: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  country: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  /** Normalized region and city ('' when absent): one location, one rule, enforced by a unique index. */
  @Column({ type: 'text', name: 'region_key' })
  regionKey: string;

  @Column({ type: 'text', name: 'city_key' })
  cityKey: string;
}
