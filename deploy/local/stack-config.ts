import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { findRepoRoot } from '@rangefinder/platform';

export const KAFKA_VERSION = '3.9.1';

export interface StackConfig {
  /** `RANGEFINDER_STACK`: separates stacks (e.g. `local` for people, `test` for e2e) on one machine. */
  name: string;
  repoRoot: string;
  /** Pid files, logs, broker config and data of this stack. */
  stateDir: string;
  /** Downloaded jars, shared by every stack and checkout. */
  cacheDir: string;
  kafkaPort: number;
  kafkaControllerPort: number;
  /** `KAFKA_BROKERS`: use that broker instead of starting one. */
  externalBrokers: string | null;
  /** What clients connect to: the external brokers or the local broker's listener. */
  brokers: string;
}

export class StackConfigError extends Error {}

const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export function stackConfig(
  env: NodeJS.ProcessEnv = process.env,
  repoRoot: string = findRepoRoot(__dirname),
): StackConfig {
  const name = parseStackName(env.RANGEFINDER_STACK);
  const kafkaPort = parsePort('RANGEFINDER_KAFKA_PORT', env.RANGEFINDER_KAFKA_PORT, 9092);
  const kafkaControllerPort = parsePort(
    'RANGEFINDER_KAFKA_CONTROLLER_PORT',
    env.RANGEFINDER_KAFKA_CONTROLLER_PORT,
    9093,
  );
  if (kafkaPort === kafkaControllerPort) {
    throw new StackConfigError(
      `RANGEFINDER_KAFKA_PORT and RANGEFINDER_KAFKA_CONTROLLER_PORT must differ (both are ${kafkaPort})`,
    );
  }
  const externalBrokers = nonEmpty(env.KAFKA_BROKERS);
  return {
    name,
    repoRoot,
    stateDir: resolve(nonEmpty(env.RANGEFINDER_STATE_DIR) ?? join(repoRoot, '.rangefinder', name)),
    cacheDir: resolve(
      nonEmpty(env.RANGEFINDER_CACHE_DIR) ?? join(homeDir(env), '.cache', 'rangefinder'),
    ),
    kafkaPort,
    kafkaControllerPort,
    externalBrokers,
    brokers: externalBrokers ?? `127.0.0.1:${kafkaPort}`,
  };
}

export function parsePort(variable: string, raw: string | undefined, fallback: number): number {
  const text = nonEmpty(raw);
  if (text === null) return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new StackConfigError(`${variable} must be a TCP port (1-65535), got '${raw}'`);
  }
  return port;
}

function parseStackName(raw: string | undefined): string {
  const name = nonEmpty(raw) ?? 'local';
  if (!STACK_NAME.test(name)) {
    throw new StackConfigError(
      `RANGEFINDER_STACK must be letters, digits, '.', '_' or '-' (it names a directory), got '${raw}'`,
    );
  }
  return name;
}

function homeDir(env: NodeJS.ProcessEnv): string {
  return nonEmpty(env.HOME) ?? homedir();
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
