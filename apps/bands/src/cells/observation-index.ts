import type { CellObservation } from './cell-observation';

/** `<role>|<level>`: the unit the bands recompute, since zone fallbacks pool every zone of it. */
export type GroupKey = string;

export const groupKeyOf = (o: { role: string; level: string }): GroupKey => `${o.role}|${o.level}`;

/**
 * Every stored observation in memory by key, so a changed observation recomputes its group from
 * memory instead of re-reading it from Postgres. Grouping is done when every group is rebuilt
 * (`grouped`), not kept up on every change: a change knows its own group.
 */
export class ObservationIndex {
  private readonly byKey = new Map<string, CellObservation>();

  get size(): number {
    return this.byKey.size;
  }

  /** Stores or replaces (never with a lower revision); returns the groups whose figures may have changed. */
  put(observation: CellObservation): GroupKey[] {
    const held = this.byKey.get(observation.key);
    if (held && BigInt(held.revision) > BigInt(observation.revision)) return [];
    this.byKey.set(observation.key, observation);
    const group = groupKeyOf(observation);
    const was = held && groupKeyOf(held);
    return was && was !== group ? [was, group] : [group];
  }

  remove(key: string): GroupKey[] {
    const existing = this.byKey.get(key);
    if (!existing) return [];
    this.byKey.delete(key);
    return [groupKeyOf(existing)];
  }

  get(key: string): CellObservation | undefined {
    return this.byKey.get(key);
  }

  /** Every observation by its role × level group; a group without observations is absent. */
  grouped(): Map<GroupKey, CellObservation[]> {
    const groups = new Map<GroupKey, CellObservation[]>();
    for (const o of this.byKey.values()) {
      const group = groupKeyOf(o);
      const members = groups.get(group);
      if (members) members.push(o);
      else groups.set(group, [o]);
    }
    return groups;
  }

  clear(): void {
    this.byKey.clear();
  }
}
