import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '@rangefinder/database';
import { Catalogue } from './lookup/catalogue';
import { CATALOGUE_CHANGED_CHANNEL, readCatalogue } from './persistence/catalogue-store';

/**
 * Holds the catalogue in memory for the hot path and reloads it on every replica when a new
 * revision is applied (by `rangefinder catalogue apply`, notified in its transaction), so
 * catalogue changes need no deploy or restart.
 */
@Injectable()
export class CatalogueProvider implements OnModuleInit {
  private readonly logger = new Logger(CatalogueProvider.name);
  private current?: Catalogue;
  private revision?: number;
  private loading?: Promise<void>;
  private readonly listeners: ((catalogue: Catalogue) => Promise<void>)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {}

  get catalogue(): Catalogue {
    if (!this.current) throw new Error('catalogue not loaded');
    return this.current;
  }

  /** Called after each reload (not for the first load), e.g. to recompute what depends on zones. */
  onReload(listener: (catalogue: Catalogue) => Promise<void>): void {
    this.listeners.push(listener);
  }

  onModuleInit(): Promise<void> {
    return this.ready();
  }

  /** Resolves once the catalogue is loaded; providers that need it in their own init await this. */
  ready(): Promise<void> {
    this.loading ??= this.firstLoad();
    return this.loading;
  }

  private async firstLoad(): Promise<void> {
    const refresh = () => this.refresh();
    await this.feed.subscribe(CATALOGUE_CHANGED_CHANNEL, { onChanges: refresh, onResync: refresh });
    await this.refresh();
    if (!this.current)
      throw new Error('the catalogue is empty: run `rangefinder catalogue apply` first');
  }

  async refresh(): Promise<void> {
    const [row] = await this.dataSource.query<{ id: number | null }[]>(
      'SELECT max(id) AS id FROM catalogue.revisions',
    );
    const latest = row?.id === null || row?.id === undefined ? undefined : Number(row.id);
    if (latest === undefined || latest === this.revision) return;
    const { snapshot, revision } = await readCatalogue(this.dataSource, this.current?.fxTable);
    const reload = this.current !== undefined;
    this.current = new Catalogue(snapshot);
    this.revision = revision;
    this.logger.log(`catalogue revision ${revision} loaded`);
    if (reload) for (const listener of this.listeners) await listener(this.current);
  }
}
