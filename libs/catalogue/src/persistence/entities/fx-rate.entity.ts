import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'catalogue', name: 'fx_rates' })
export class FxRateEntity {
  @PrimaryColumn({ type: 'text' })
  currency: string;

  @PrimaryColumn({ type: 'date', name: 'effective_from' })
  effectiveFrom: string;

  @Column({ type: 'numeric', name: 'usd_per_unit' })
  usdPerUnit: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'integer' })
  position: number;
}
