import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'catalogue', name: 'levels' })
export class LevelEntity {
  @PrimaryColumn({ type: 'text', name: 'ladder_code' })
  ladderCode: string;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  rank: number;

  @Column({ type: 'integer' })
  position: number;
}
