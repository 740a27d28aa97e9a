/**
 * Remembers the last answers for raw inputs that repeat on the ingest hot path (titles,
 * locations). Inputs come from outside, so the memo is capped; when full it starts over, which
 * costs one recomputation per distinct input and needs no bookkeeping per hit.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, value);
  }
}
