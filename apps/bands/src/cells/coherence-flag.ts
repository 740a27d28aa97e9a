/** §2 Coherence: the invariants every published band keeps. */
export const COHERENCE_KINDS = ['percentile-order', 'zone-order', 'ladder-order'] as const;
export type CoherenceKind = (typeof COHERENCE_KINDS)[number];

export interface CoherenceFlag {
  kind: CoherenceKind;
  message: string;
  /** The other cell of a zone or ladder inversion. */
  against?: string;
}
