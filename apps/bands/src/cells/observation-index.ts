import type { CellObservation } from './cell-observation';

/** `<role>|<level>`: the unit the bands recompute, since zone fallbacks pool every zone of it. */
export type GroupKey = string;

export const groupKeyOf = (o: { role: string; level: string }): GroupKey => `${o.role}|${o.level}`;

/**
 * Every stored observation in memory, grouped by role × level, so a changed observation
 * recomputes its group from memory instead of re-reading it from Postgres.
 */
export class ObservationIndex {
  private readonly byKey = new Map<string, CellObservation>();
  private readonly byGroup = new Map<GroupKey, Map<string, CellObservation>>();

  get size(): number {
    return this.byKey.size;
  }

  /** Stores or replaces (never with a lower revision); returns the groups whose figures may have changed. */
  put(observation: CellObservation): GroupKey[] {
    const held = this.byKey.get(observation.key);
    if (held && BigInt(held.revision) > BigInt(observation.revision)) return [];
    const touched = this.remove(observation.key);
    const group = groupKeyOf(observation);
    let members = this.byGroup.get(group);
    if (!members) this.byGroup.set(group, (members = new Map<string, CellObservation>()));
    members.set(observation.key, observation);
    this.byKey.set(observation.key, observation);
    return touched.includes(group) ? touched : [...touched, group];
  }

  remove(key: string): GroupKey[] {
    const existing = this.byKey.get(key);
    if (!existing) return [];
    const group = groupKeyOf(existing);
    const members = this.byGroup.get(group)!;
    members.delete(key);
    if (members.size === 0) this.byGroup.delete(group);
    this.byKey.delete(key);
    return [group];
  }

  get(key: string): CellObservation | undefined {
    return this.byKey.get(key);
  }

  group(group: GroupKey): Iterable<CellObservation> {
    return this.byGroup.get(group)?.values() ?? [];
  }

  groups(): GroupKey[] {
    return [...this.byGroup.keys()];
  }

  clear(): void {
    this.byKey.clear();
    this.byGroup.clear();
  }
}
