import 'reflect-metadata';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CatalogueFileKind, CatalogueVersions } from '../../catalogue-snapshot';
import type { CatalogueChangeSummary } from '../catalogue-change-summary';

export type CatalogueNotes = Partial<Record<CatalogueFileKind, string[]>>;

/** One application of the catalogue files: who, when, which file versions, what changed. */
@Entity({ schema: 'catalogue', name: 'revisions' })
export class CatalogueRevisionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'timestamptz', name: 'applied_at' })
  appliedAt: Date;

  @Column({ type: 'text', name: 'applied_by' })
  appliedBy: string;

  @Column({ type: 'jsonb' })
  versions: CatalogueVersions;

  @Column({ type: 'jsonb' })
  summary: CatalogueChangeSummary;

  /** The files' free-text notes (crosswalk reasoning, differential sources), kept with the revision. */
  @Column({ type: 'jsonb' })
  notes: CatalogueNotes;
}
