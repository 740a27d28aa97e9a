import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CareerEdgeKind } from '../../catalogue-snapshot';

@Entity({ schema: 'catalogue', name: 'career_edges' })
export class CareerEdgeEntity {
  @PrimaryColumn({ type: 'text', name: 'from_role' })
  fromRole: string;

  @PrimaryColumn({ type: 'text', name: 'to_role' })
  toRole: string;

  @Column({ type: 'text' })
  kind: CareerEdgeKind;

  @Column({ type: 'integer' })
  position: number;
}
