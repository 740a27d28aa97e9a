import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Catalogue, readCatalogue } from '@rangefinder/catalogue';

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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly refreshMs: number,
  ) {}

  get catalogue(): Catalogue {
    if (!this.current) throw new Error('catalogue not loaded');
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    if (!this.current)
      throw new Error('the catalogue is empty: run `rangefinder catalogue apply` first');
    this.timer = setInterval(
      () =>
        void this.refresh().catch((e) =>
          this.logger.warn(`catalogue refresh failed: ${e.message}`),
        ),
      this.refreshMs,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const [row] = await this.dataSource.query('SELECT max(id) AS id FROM catalogue.revisions');
    const latest = row?.id === null || row?.id === undefined ? undefined : Number(row.id);
    if (latest === undefined || latest === this.revision) return;
    const { snapshot, revision } = await readCatalogue(this.dataSource);
    this.current = new Catalogue(snapshot);
    this.revision = revision;
    this.logger.log(`catalogue revision ${revision} loaded`);
  }
}
