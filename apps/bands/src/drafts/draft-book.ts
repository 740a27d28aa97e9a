import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CatalogueProvider } from '@rangefinder/catalogue';
import { ChangeFeed } from '@rangefinder/database';
import type { CellDraft } from '../cells/cell-draft';
import type { CellObservation } from '../cells/cell-observation';
import { ladderFlags } from '../cells/coherence';
import { groupDrafts } from '../cells/group-bands';
import { GroupState } from '../cells/group-state';
import { groupKeyOf, ObservationIndex, type GroupKey } from '../cells/observation-index';
import { BandsChannel, type InputChange } from '../changes/bands-channels';
import { BandsMetrics } from '../metrics/bands.metrics';
import { ObservationStore } from '../observations/observation.store';
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
 * The current drafts of every cell, in memory, on every replica. Drafts are a pure function of the
 * stored observations, the policy, structures and surveys, so they are recomputed rather than
 * stored: each role × level group keeps its pools (sorted amounts, company weights, ages) up to
 * date change by change, and a changed group's drafts are read off them. Changes arrive one way,
 * through the change feed, whichever replica committed them; a full rebuild reloads the
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ObservationStore,
    private readonly policies: PolicyService,
    private readonly structures: StructureService,
    private readonly surveys: SurveyService,
    private readonly catalogue: CatalogueProvider,
    private readonly feed: ChangeFeed,
    private readonly metrics: BandsMetrics,
  ) {}

  /**
   * Listens first, then loads, with the load first in line: a change committed meanwhile is
   * applied after it, which is a no-op.
   */
  async onModuleInit(): Promise<void> {
    await this.catalogue.ready();
    let listening!: () => void;
    const listen = new Promise<void>((resolve) => (listening = resolve));
    const initial = this.exclusive(async () => {
      await listen;
      await this.loadInputs();
      return this.reload();
    });
    await this.feed.subscribe(BandsChannel.Observations, {
      onChanges: (changes) => this.applyKeys(changes.flatMap(({ keys }) => keys as string[])),
      onResync: () => this.rebuild().then(() => undefined),
    });
    await this.feed.subscribe(BandsChannel.Inputs, {
      onChanges: (changes) => this.inputsChanged(changes as InputChange[]),
      onResync: () => this.reloadInputs(),
    });
    this.catalogue.onReload(() => this.exclusive(() => void this.recomputeAll()));
    listening();
    const report = await initial;
    this.logger.log(
      `${report.observations} observations → ${report.cells} draft cells in ${report.loadMs + report.computeMs} ms`,
    );
  }

  /**
   * Resolves once the drafts hold every observation and input committed before the call, whichever
   * replica committed it: what a draft read or a publication waits for.
   */
  caughtUp(): Promise<void> {
    return this.feed.barrier(this.dataSource, [BandsChannel.Observations, BandsChannel.Inputs]);
  }

  /** Reloads every observation from Postgres and recomputes every cell. */
  rebuild(): Promise<RebuildReport> {
    return this.exclusive(() => this.reload());
  }

  private async reload(): Promise<RebuildReport> {
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
  }

  /** Observations stored or erased by any replica: their current state, then the groups they touch. */
  private applyKeys(keys: string[]): Promise<void> {
    return this.exclusive(async () => {
      const began = performance.now();
      const held = new Map((await this.store.read(keys)).map((o) => [o.key, o]));
      const dirty = new Set<GroupKey>();
      for (const key of keys) {
        const observation = held.get(key);
        const previous = this.index.get(key);
        const groups = observation ? this.index.put(observation) : this.index.remove(key);
        if (groups.length === 0) continue;
        if (previous) this.states.get(groupKeyOf(previous))?.remove(key);
        if (observation) {
          const group = groupKeyOf(observation);
          (this.states.get(group) ?? this.newState(group))?.put(observation);
        }
        for (const group of groups) dirty.add(group);
      }
      this.recompute(dirty);
      this.metrics.recomputeSeconds.observe((performance.now() - began) / 1000);
      this.metrics.observationsApplied.inc(keys.length);
    });
  }

  /**
   * Policy, structure or survey changes from any replica: each input changed is reloaded once,
   * then what they touch is recomputed — every group after a policy change or one naming no groups.
   */
  private inputsChanged(changes: InputChange[]): Promise<void> {
    return this.exclusive(async () => {
      const inputs = new Set(changes.map((c) => c.input));
      if (inputs.has('policy')) await this.policies.load();
      if (inputs.has('structures')) await this.structures.load();
      if (inputs.has('surveys')) await this.surveys.load();
      if (changes.every((c) => c.groups && c.input !== 'policy'))
        this.recompute(new Set(changes.flatMap((c) => c.groups!)));
      else this.recomputeAll();
    });
  }

  private reloadInputs(): Promise<void> {
    return this.exclusive(async () => {
      await this.loadInputs();
      this.recomputeAll();
    });
  }

  private async loadInputs(): Promise<void> {
    await this.policies.load();
    await this.structures.load();
    await this.surveys.load();
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
    const grouped = this.index.grouped();
    const groups = new Set<GroupKey>([
      ...grouped.keys(),
      ...this.structures.groups(),
      ...this.surveys.groups(),
    ]);
    for (const [group, observations] of grouped) this.newState(group, observations);
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
    const roles = new Set<string>();
    for (const group of groups) {
      count++;
      roles.add(group.split('|')[0]);
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
    this.flagLadders(roles);
    this.metrics.groupsRecomputed.inc(count);
  }

  /** Ladder order spans a role's levels, so it is checked again over every level of a changed role. */
  private flagLadders(roles: ReadonlySet<string>): void {
    const byRole = new Map<string, CellDraft[]>();
    for (const [group, cells] of this.cellsOfGroup) {
      const role = group.split('|')[0];
      if (!roles.has(role)) continue;
      let drafts = byRole.get(role);
      if (!drafts) byRole.set(role, (drafts = []));
      for (const cell of cells) drafts.push(this.drafts.get(cell)!);
    }
    for (const drafts of byRole.values()) {
      const flags = ladderFlags(drafts, this.catalogue.catalogue);
      for (const draft of drafts) {
        draft.flags = [
          ...draft.flags.filter((f) => f.kind !== 'ladder-order'),
          ...(flags.get(draft.key) ?? []),
        ];
      }
    }
  }

  /** Runs `work` after everything queued before it; a synchronous throw rejects like an async one. */
  private exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
