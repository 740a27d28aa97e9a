import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Catalogue } from './lookup/catalogue';
import { readCatalogue } from './persistence/catalogue-store';

/**
 * Holds the catalogue in memory for the hot path and reloads it when a new revision is applied
 * (by `rangefinder catalogue apply`), so catalogue changes need no deploy or restart.
 */
@Injectable()
export class CatalogueProvider implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CatalogueProvider.name);
  private current?: Catalogue;
  private revision?: number;
  private timer?: NodeJS.Timeout;
  private loading?: Promise<void>;
  private readonly listeners: ((catalogue: Catalogue) => void)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly refreshMs: number,
  ) {}

  get catalogue(): Catalogue {
    if (!this.current) throw new Error('catalogue not loaded');
    return this.current;
  }

  /** Called after each reload (not for the first load), e.g. to recompute what depends on zones. */
  onReload(listener: (catalogue: Catalogue) => void): void {
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
    await this.refresh();
    if (!this.current)
      throw new Error('the catalogue is empty: run `rangefinder catalogue apply` first');
    this.timer = setInterval(
      () =>
        void this.refresh().catch((e: unknown) =>
          this.logger.warn(
            `catalogue refresh failed: ${e instanceof Error ? e.message : String(e)}`,
          ),
        ),
      this.refreshMs,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const [row] = await this.dataSource.query<{ id: string | number | null }[]>(
      'SELECT max(id) AS id FROM catalogue.revisions',
    );
    const latest = row?.id === null || row?.id === undefined ? undefined : Number(row.id);
    if (latest === undefined || latest === this.revision) return;
    const { snapshot, revision } = await readCatalogue(this.dataSource);
    const reload = this.current !== undefined;
    this.current = new Catalogue(snapshot);
    this.revision = revision;
    this.logger.log(`catalogue revision ${revision} loaded`);
    if (reload) for (const listener of this.listeners) listener(this.current);
  }
}
