import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'catalogue', name: 'unmapped_titles' })
export class UnmappedTitleEntity {
  @PrimaryColumn({ type: 'text', name: 'title_key' })
  titleKey: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'integer' })
  position: number;
}
