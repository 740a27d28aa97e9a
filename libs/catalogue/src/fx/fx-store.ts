import type { EntityManager } from 'typeorm';
import type { FxSource, FxTable } from '../catalogue-snapshot';
import type { ParsedRate } from './fx-file-formats';

/** Rows per INSERT … SELECT unnest(…): four arrays of this length stay well under pg's limits. */
const INSERT_CHUNK = 20_000;

export interface FxSourceImport extends Omit<FxSource, 'importedAt' | 'importedBy'> {
  rates: ParsedRate[];
}

/** The stored FX table, every source and rate, read with raw rows (it holds ~200k rates). */
export async function readFxTable(manager: EntityManager): Promise<FxTable> {
  const sources = await manager.query<
    {
      name: string;
      format: string;
      max_age_days: number | null;
      file: string;
      sha256: string;
      imported_at: Date;
      imported_by: string;
    }[]
  >(
    `SELECT name, format, max_age_days, file, sha256, imported_at, imported_by
       FROM catalogue.fx_sources ORDER BY name`,
  );
  const rates = await manager.query<
    { currency: string; day: string; rate: number; source: string }[]
  >(
    `SELECT currency, to_char(effective_from, 'YYYY-MM-DD') AS day,
            usd_per_unit::float8 AS rate, source
       FROM catalogue.fx_rates ORDER BY currency, effective_from`,
  );
  const importedAt = sources.map((s) => s.imported_at.toISOString()).sort();
  return {
    version: importedAt.length ? `imported ${importedAt[importedAt.length - 1]}` : 'none',
    sources: sources.map((s) => ({
      name: s.name,
      format: s.format,
      maxAgeDays: s.max_age_days,
      file: s.file,
      sha256: s.sha256,
      importedAt: s.imported_at.toISOString(),
      importedBy: s.imported_by,
    })),
    rates: rates.map((r) => ({
      currency: r.currency,
      effectiveFrom: r.day,
      usdPerUnit: r.rate,
      source: r.source,
    })),
  };
}

/**
 * Makes `imported` the source of every currency it carries: its earlier rates and any other
 * source's rates for those currencies are replaced (the file is the truth for what it quotes),
 * other currencies are kept, and a source left without rates is removed. Runs inside the
 * caller's transaction, which checks the result against the zones before committing.
 */
export async function storeFxSource(
  manager: EntityManager,
  imported: FxSourceImport,
  importedBy: string,
): Promise<void> {
  const currencies = [...new Set(imported.rates.map((r) => r.currency))];
  await manager.query(
    `DELETE FROM catalogue.fx_rates WHERE source = $1 OR currency = ANY($2::text[])`,
    [imported.name, currencies],
  );
  await manager.query(
    `INSERT INTO catalogue.fx_sources (name, format, max_age_days, file, sha256, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (name) DO UPDATE SET format = excluded.format, max_age_days = excluded.max_age_days,
       file = excluded.file, sha256 = excluded.sha256, imported_by = excluded.imported_by,
       imported_at = now()`,
    [
      imported.name,
      imported.format,
      imported.maxAgeDays,
      imported.file,
      imported.sha256,
      importedBy,
    ],
  );
  for (let start = 0; start < imported.rates.length; start += INSERT_CHUNK) {
    const chunk = imported.rates.slice(start, start + INSERT_CHUNK);
    await manager.query(
      `INSERT INTO catalogue.fx_rates (currency, effective_from, usd_per_unit, source)
       SELECT currency, day, rate, $4 FROM unnest($1::text[], $2::date[], $3::numeric[])
         AS r(currency, day, rate)`,
      [
        chunk.map((r) => r.currency),
        chunk.map((r) => r.effectiveFrom),
        chunk.map((r) => String(r.usdPerUnit)),
        imported.name,
      ],
    );
  }
  await manager.query(
    `DELETE FROM catalogue.fx_sources s
      WHERE NOT EXISTS (SELECT 1 FROM catalogue.fx_rates r WHERE r.source = s.name)`,
  );
}
