import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LadderKind } from '../../catalogue-snapshot';

@Entity({ schema: 'catalogue', name: 'ladders' })
export class LadderEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: LadderKind;

  @Column({ type: 'integer' })
  position: number;
}
