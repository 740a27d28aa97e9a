import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'catalogue', name: 'level_crosswalks' })
export class LevelCrosswalkEntity {
  @PrimaryColumn({ type: 'text' })
  source: string;

  @PrimaryColumn({ type: 'text', name: 'source_level' })
  sourceLevel: string;

  @PrimaryColumn({ type: 'text', name: 'ladder_code' })
  ladderCode: string;

  @Column({ type: 'text', name: 'level_code' })
  levelCode: string;

  @Column({ type: 'integer' })
  position: number;
}
