import { join } from 'node:path';
import {
  CatalogueNotAppliedError,
  applyCatalogueFiles,
  importFxManifest,
  readStoredCatalogue,
  SHIPPED_FX_MANIFEST,
} from '@rangefinder/catalogue';
import { ensureDatabase } from '@rangefinder/database';
import { CommonEnv, loadConfig } from '@rangefinder/platform';
import { startKafka, type KafkaStart } from './kafka-broker';
import { ensureTopics, type TopicsReport } from './kafka-topics';
import { logStep, since } from './log';
import { startProcess } from './processes';
import { stackConfig, type StackConfig } from './stack-config';

export interface StackUp extends KafkaStart {
  topics: TopicsReport;
}

/** Kafka ready and topics in place: what every service and e2e test needs first. */
export async function up(config: StackConfig = stackConfig()): Promise<StackUp> {
  const startedAt = Date.now();
  const kafka = await startKafka(config);
  const topics = await ensureTopics(kafka.brokers);
  logStep(`stack ${config.name}`, `up in ${since(startedAt)} (KAFKA_BROKERS=${kafka.brokers})`);
  return { ...kafka, topics };
}

export interface SystemUp {
  brokers: string;
  databaseUrl: string;
  services: { name: string; url: string }[];
}

/** The Node services the local system runs, with their HTTP ports (overridable by their env variables). */
function services(env: NodeJS.ProcessEnv): { name: string; portVariable: string; port: number }[] {
  return [
    { name: 'ingest', portVariable: 'INGEST_PORT', port: Number(env.INGEST_PORT ?? 3001) },
    { name: 'bands', portVariable: 'BANDS_PORT', port: Number(env.BANDS_PORT ?? 3002) },
    { name: 'offers', portVariable: 'OFFERS_PORT', port: Number(env.OFFERS_PORT ?? 3003) },
  ];
}

/**
 * The shipped FX tables and catalogue seed are loaded once; later changes are the comp team's,
 * through `rangefinder fx import` and `rangefinder catalogue apply`.
 */
async function ensureCatalogue(databaseUrl: string): Promise<void> {
  try {
    const stored = await readStoredCatalogue(databaseUrl);
    logStep('catalogue', `revision ${stored.revision} in place`);
  } catch (error) {
    if (!(error instanceof CatalogueNotAppliedError)) throw error;
    for (const fx of await importFxManifest(databaseUrl, SHIPPED_FX_MANIFEST, 'rangefinder-stack'))
      logStep('fx', `${fx.source}: ${fx.rates} rates for ${fx.currencies.length} currencies`);
    const applied = await applyCatalogueFiles(databaseUrl, 'rangefinder-stack');
    logStep('catalogue', `seed applied as revision ${applied.revision}`);
  }
}

/** Kafka with its topics, the database with its catalogue, and every service, each ready. */
export async function systemUp(config: StackConfig): Promise<SystemUp> {
  const startedAt = Date.now();
  const kafka = await up(config);
  const env = loadConfig(CommonEnv);
  await ensureDatabase(env.DATABASE_URL);
  await ensureCatalogue(env.DATABASE_URL);
  const started: SystemUp['services'] = [];
  for (const service of services(process.env)) {
    const url = `http://127.0.0.1:${service.port}`;
    await startProcess(
      {
        name: service.name,
        command: process.execPath,
        args: [join(config.repoRoot, 'dist', 'apps', service.name, 'src', 'main.js')],
        env: {
          KAFKA_BROKERS: kafka.brokers,
          DATABASE_URL: env.DATABASE_URL,
          [service.portVariable]: String(service.port),
        },
        readyUrl: `${url}/health/ready`,
        readyTimeoutMs: 90_000,
        ports: [service.port],
        endpoint: url,
      },
      { stateDir: config.stateDir },
    );
    started.push({ name: service.name, url });
  }
  logStep(`system ${config.name}`, `up in ${since(startedAt)}`);
  return { brokers: kafka.brokers, databaseUrl: env.DATABASE_URL, services: started };
}
