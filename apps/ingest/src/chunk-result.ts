// Shared by the store that applies a chunk and the metrics that count what it did.

/** What the fresh messages of a chunk did to the store. */
export interface StoredChunk {
  accepted: number;
  corrected: number;
  erased: number;
  /** Dead letters by reason code. */
  rejected: Map<string, number>;
}

export interface ChunkResult extends StoredChunk {
  /** Messages applied now for the first time. */
  consumed: number;
  /** Messages already applied by an earlier delivery, skipped now. */
  skipped: number;
}
