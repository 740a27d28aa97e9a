import type { Catalogue } from '@rangefinder/catalogue';
import type { CellDraft } from '../cells/cell-draft';
import { ladderFlags, orderFlags, zoneFlags, type BandFigures } from '../cells/coherence';
import type { CoherenceFlag } from '../cells/coherence-flag';
import type { PublishedBand } from './published-band';

/**
 * The coherence flags that hold a draft back: its own (from when it was computed, against the
 * other drafts) and those found again at publication, over what would be in force after it —
 * the drafts being published beside the latest published versions of every other cell of their
 * roles. Returns the drafts with at least one flag.
 */
export function publicationFlags(
  publishing: readonly CellDraft[],
  latest: ReadonlyMap<string, PublishedBand>,
  catalogue: Catalogue,
  date: string,
): Map<string, CoherenceFlag[]> {
  const keys = new Set(publishing.map((d) => d.key));
  const inForce: BandFigures[] = [
    ...publishing,
    ...[...latest.values()].filter((band) => !keys.has(band.key)),
  ];
  const zones = zoneFlags(inForce, catalogue, date);
  const ladders = ladderFlags(inForce, catalogue);
  const flags = new Map<string, CoherenceFlag[]>();
  for (const draft of publishing) {
    const found = new Map<string, CoherenceFlag>();
    for (const flag of [
      ...draft.flags,
      ...orderFlags(draft),
      ...(zones.get(draft.key) ?? []),
      ...(ladders.get(draft.key) ?? []),
    ])
      found.set(`${flag.kind}|${flag.against ?? ''}|${flag.message}`, flag);
    if (found.size > 0) flags.set(draft.key, [...found.values()]);
  }
  return flags;
}
