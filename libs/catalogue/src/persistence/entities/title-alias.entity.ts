import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'catalogue', name: 'title_aliases' })
export class TitleAliasEntity {
  /** The title after normalizeKey: what lookups match on, and why two aliases cannot collide. */
  @PrimaryColumn({ type: 'text', name: 'title_key' })
  titleKey: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', name: 'role_code' })
  roleCode: string;

  /** The role's ladder, carried so the database itself can check that a fixed level is on it. */
  @Column({ type: 'text', name: 'ladder_code' })
  ladderCode: string;

  @Column({ type: 'text', name: 'level_code', nullable: true })
  levelCode: string | null;

  @Column({ type: 'integer' })
  position: number;
}
