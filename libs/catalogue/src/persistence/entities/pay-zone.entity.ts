import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'catalogue', name: 'pay_zones' })
export class PayZoneEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  country: string;

  @Column({ type: 'text' })
  currency: string;

  /** numeric, read back as the exact decimal string that was written. */
  @Column({ type: 'numeric' })
  differential: string;

  @Column({ type: 'text', name: 'currency_reason', nullable: true })
  currencyReason: string | null;

  @Column({ type: 'boolean', name: 'catch_all' })
  catchAll: boolean;

  @Column({ type: 'boolean', name: 'is_anchor' })
  isAnchor: boolean;

  @Column({ type: 'integer' })
  position: number;
}
