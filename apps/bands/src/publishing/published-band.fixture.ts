import type { CellDraft } from '../cells/cell-draft';
import { publicPart, type PublishedBand } from './published-band';

/** The version publishing `draft` would have stored (for specs). */
export const publishedFrom = (draft: CellDraft, version: number): PublishedBand => ({
  ...publicPart(draft),
  version,
  effectiveFrom: '2025-01-01',
  publishedAt: '2025-01-02T09:00:00.000Z',
  publishedBy: 'analyst@example.com',
});
