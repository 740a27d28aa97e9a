import { hasFigures } from '@rangefinder/contracts';
import type { StoredPolicy } from '../cells/band-policy';
import type { CellDraft } from '../cells/cell-draft';
import { publicPart, sameBand, type PublicBand, type PublishedBand } from './published-band';
import { withdrawalOf } from './withdrawal';

export const DRAFT_CHANGES = ['new', 'changed', 'unchanged', 'withheld'] as const;
/**
 * What publishing a draft does to its cell: `new` or `changed` store a version (a figureless draft
 * of a cell with a band in force stores a withdrawal); `unchanged` stores nothing (the same band);
 * `withheld` stores nothing because a figureless draft has no band in force to end — publishing it
 * would tell that the cell has records.
 */
export type DraftChange = (typeof DRAFT_CHANGES)[number];

export function changeOf(draft: CellDraft, latest: PublishedBand | undefined): DraftChange {
  if (!hasFigures(draft)) return latest && hasFigures(latest) ? 'changed' : 'withheld';
  if (!latest) return 'new';
  return sameBand(latest, publicPart(draft)) ? 'unchanged' : 'changed';
}

export interface PublicationPlan {
  /** Drafts with figures to store as new versions (their public part). */
  bands: CellDraft[];
  /** Versions ending bands in force. */
  withdrawals: PublicBand[];
  unchanged: number;
  withheld: number;
}

/**
 * The versions publishing these drafts stores, given the latest published version of each cell.
 * `undrafted`: also withdraw the bands in force of cells that have no draft any more (a policy or
 * catalogue change, or every record erased) — for a publication of every draft.
 */
export function planPublication(
  chosen: readonly CellDraft[],
  latest: ReadonlyMap<string, PublishedBand>,
  policy: StoredPolicy,
  undrafted = false,
): PublicationPlan {
  const plan: PublicationPlan = { bands: [], withdrawals: [], unchanged: 0, withheld: 0 };
  for (const draft of chosen) {
    const change = changeOf(draft, latest.get(draft.key));
    if (change === 'unchanged' || change === 'withheld') plan[change]++;
    else if (hasFigures(draft)) plan.bands.push(draft);
    else plan.withdrawals.push(withdrawalOf(draft, policy));
  }
  if (undrafted) {
    const drafted = new Set(chosen.map((d) => d.key));
    for (const band of latest.values())
      if (!drafted.has(band.key) && hasFigures(band))
        plan.withdrawals.push(withdrawalOf(band, policy));
  }
  return plan;
}
