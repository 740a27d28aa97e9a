import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CatalogueProvider } from '@rangefinder/catalogue';
import type { CellDraft } from '../cells/cell-draft';
import type { CellObservation } from '../cells/cell-observation';
import { groupDrafts } from '../cells/group-bands';
import { GroupState } from '../cells/group-state';
import { groupKeyOf, ObservationIndex, type GroupKey } from '../cells/observation-index';
import { BandsMetrics } from '../metrics/bands.metrics';
import { ObservationStore, type AppliedChange } from '../observations/observation.store';
import { PolicyService } from '../policy/policy.service';
import { StructureService } from '../structures/structure.service';
import { SurveyService } from '../surveys/survey.service';

export interface RebuildReport {
  observations: number;
  groups: number;
  cells: number;
  loadMs: number;
  computeMs: number;
}

export interface DraftFilter {
  role?: string;
  level?: string;
  zone?: string;
}

/**
 * The current drafts of every cell, in memory. Drafts are a pure function of the stored
 * observations, the policy, structures and surveys, so they are recomputed rather than stored:
 * each role × level group keeps its pools (sorted amounts, company weights, ages) up to date
 * change by change, and a changed group's drafts are read off them. A full rebuild reloads the
 * observations from Postgres.
 * Changes and rebuilds run one at a time, so a rebuild never interleaves with a chunk.
 */
@Injectable()
export class DraftBook implements OnModuleInit {
  private readonly logger = new Logger(DraftBook.name);
  private readonly index = new ObservationIndex();
  private readonly drafts = new Map<string, CellDraft>();
  private readonly cellsOfGroup = new Map<GroupKey, string[]>();
  /** Each group's pools, kept up to date change by change. */
  private readonly states = new Map<GroupKey, GroupState>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: ObservationStore,
    private readonly policies: PolicyService,
    private readonly structures: StructureService,
    private readonly surveys: SurveyService,
    private readonly catalogue: CatalogueProvider,
    private readonly metrics: BandsMetrics,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.catalogue.ready();
    await this.policies.load();
    await this.structures.load();
    await this.surveys.load();
    const report = await this.rebuild();
    this.logger.log(
      `${report.observations} observations → ${report.cells} draft cells in ${report.loadMs + report.computeMs} ms`,
    );
    this.catalogue.onReload(() => void this.exclusive(() => this.recomputeAll()));
  }

  /** Reloads every observation from Postgres and recomputes every cell. */
  rebuild(): Promise<RebuildReport> {
    return this.exclusive(async () => {
      const began = performance.now();
      this.index.clear();
      for await (const page of this.store.all()) for (const o of page) this.index.put(o);
      const loaded = performance.now();
      const groups = this.recomputeAll();
      return {
        observations: this.index.size,
        groups,
        cells: this.drafts.size,
        loadMs: Math.round(loaded - began),
        computeMs: Math.round(performance.now() - loaded),
      };
    });
  }

  /** After a chunk committed: its puts and erasures, then the drafts of the groups they touch. */
  apply(changes: AppliedChange[], producedAt: number[] = []): Promise<void> {
    return this.exclusive(() => {
      const began = performance.now();
      const dirty = new Set<GroupKey>();
      for (const change of changes) {
        const key = change.kind === 'put' ? change.observation.key : change.key;
        const held = this.index.get(key);
        const groups =
          change.kind === 'put' ? this.index.put(change.observation) : this.index.remove(key);
        if (groups.length === 0) continue;
        if (held) this.states.get(groupKeyOf(held))?.remove(key);
        if (change.kind === 'put') {
          const group = groupKeyOf(change.observation);
          (this.states.get(group) ?? this.newState(group))?.put(change.observation);
        }
        for (const group of groups) dirty.add(group);
      }
      this.recompute(dirty);
      const done = performance.now();
      this.metrics.recomputeSeconds.observe((done - began) / 1000);
      this.metrics.observationsApplied.inc(changes.length);
      const now = Date.now();
      for (const at of producedAt)
        this.metrics.freshnessSeconds.observe(Math.max(0, now - at) / 1000);
    });
  }

  /** Recomputes the groups a policy, structure or survey change touches (all when omitted). */
  refresh(groups?: Iterable<GroupKey>): Promise<void> {
    return this.exclusive(() => {
      if (groups) this.recompute(groups);
      else this.recomputeAll();
    });
  }

  get(cell: string): CellDraft | undefined {
    return this.drafts.get(cell);
  }

  list(filter: DraftFilter = {}): CellDraft[] {
    const matches = (d: CellDraft) =>
      (!filter.role || d.role === filter.role) &&
      (!filter.level || d.level === filter.level) &&
      (!filter.zone || d.zone === filter.zone);
    return [...this.drafts.values()].filter(matches).sort((a, b) => a.key.localeCompare(b.key));
  }

  get effectiveDate(): string {
    return this.policies.current.body.effectiveDate;
  }

  get observationCount(): number {
    return this.index.size;
  }

  /** Policy or catalogue changed (or a rebuild): every group's pools from its observations. */
  private recomputeAll(): number {
    this.drafts.clear();
    this.cellsOfGroup.clear();
    this.states.clear();
    const groups = new Set<GroupKey>([
      ...this.index.groups(),
      ...this.structures.groups(),
      ...this.surveys.groups(),
    ]);
    for (const group of this.index.groups()) this.newState(group, this.index.group(group));
    this.recompute(groups);
    return groups.size;
  }

  /** A group's pools under the policy and catalogue in force; undefined for a role no longer in the catalogue. */
  private newState(
    group: GroupKey,
    observations: Iterable<CellObservation> = [],
  ): GroupState | undefined {
    const { catalogue } = this.catalogue;
    const role = catalogue.role(group.split('|')[0]);
    if (!role) return undefined;
    const state = GroupState.of(observations, {
      catalogue,
      policy: this.policies.current,
      family: role.family,
    });
    this.states.set(group, state);
    return state;
  }

  /** The drafts of these groups from their pools (cheap: the pools are kept up to date). */
  private recompute(groups: Iterable<GroupKey>): void {
    const { catalogue } = this.catalogue;
    const policy = this.policies.current;
    let count = 0;
    for (const group of groups) {
      count++;
      for (const cell of this.cellsOfGroup.get(group) ?? []) this.drafts.delete(cell);
      this.cellsOfGroup.delete(group);
      const [roleCode, level] = group.split('|');
      const role = catalogue.role(roleCode);
      if (!role) continue;
      let drafts: CellDraft[];
      try {
        drafts = groupDrafts(this.states.get(group) ?? this.newState(group)!, {
          role,
          level,
          policy,
          catalogue,
          structure: this.structures.rangeFor(group),
          surveys: this.surveys.figuresFor(group),
        });
      } catch (error) {
        // One group's bad input (e.g. a catalogue change without an FX rate) must not stop the others.
        this.logger.error(`cannot compute ${group}: ${(error as Error).message}`);
        continue;
      }
      for (const draft of drafts) this.drafts.set(draft.key, draft);
      this.cellsOfGroup.set(
        group,
        drafts.map((d) => d.key),
      );
    }
    this.metrics.groupsRecomputed.inc(count);
  }

  /** Runs `work` after everything queued before it; a synchronous throw rejects like an async one. */
  private exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
