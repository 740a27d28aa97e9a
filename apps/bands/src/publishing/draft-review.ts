import type { CellDraft } from '../cells/cell-draft';
import { changeOf } from './publication-plan';
import type { PublishedBand } from './published-band';

interface EdgeDelta {
  published: number | null;
  draft: number | null;
  /** draft / published − 1, when both exist. */
  change: number | null;
}

/** A draft beside the latest published version of its cell: what publishing it would change. */
export function reviewDraft(draft: CellDraft, published: PublishedBand | undefined) {
  const change = changeOf(draft, published);
  const delta = (key: 'min' | 'mid' | 'max'): EdgeDelta => {
    const before = published?.[key] ?? null;
    const after = draft[key];
    return {
      published: before,
      draft: after,
      change: before !== null && after !== null && before !== 0 ? after / before - 1 : null,
    };
  };
  return {
    change,
    publishedVersion: published?.version ?? null,
    edges: { min: delta('min'), mid: delta('mid'), max: delta('max') },
    draft,
  };
}
