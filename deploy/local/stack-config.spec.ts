import { join } from 'node:path';
import { StackConfigError, parsePort, stackConfig } from './stack-config';

const repo = '/repo';

describe('stackConfig', () => {
  it('defaults to the local stack on 9092/9093 under the checkout and the home cache', () => {
    const config = stackConfig({ HOME: '/home/dev' }, repo);
    expect(config).toEqual({
      name: 'local',
      repoRoot: repo,
      stateDir: join(repo, '.rangefinder', 'local'),
      cacheDir: '/home/dev/.cache/rangefinder',
      kafkaPort: 9092,
      kafkaControllerPort: 9093,
      externalBrokers: null,
      brokers: '127.0.0.1:9092',
    });
  });

  it('reads the stack name, ports and directories from the environment', () => {
    const config = stackConfig(
      {
        RANGEFINDER_STACK: 'test',
        RANGEFINDER_KAFKA_PORT: '29092',
        RANGEFINDER_KAFKA_CONTROLLER_PORT: '29093',
        RANGEFINDER_STATE_DIR: '/var/tmp/rf-state',
        RANGEFINDER_CACHE_DIR: '/var/cache/rf',
      },
      repo,
    );
    expect(config.name).toBe('test');
    expect(config.kafkaPort).toBe(29092);
    expect(config.kafkaControllerPort).toBe(29093);
    expect(config.stateDir).toBe('/var/tmp/rf-state');
    expect(config.cacheDir).toBe('/var/cache/rf');
    expect(config.brokers).toBe('127.0.0.1:29092');
  });

  it('puts each named stack in its own state directory', () => {
    expect(stackConfig({ RANGEFINDER_STACK: 'test' }, repo).stateDir).toBe(
      join(repo, '.rangefinder', 'test'),
    );
  });

  it('uses KAFKA_BROKERS as the brokers when set', () => {
    const config = stackConfig({ KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092' }, repo);
    expect(config.externalBrokers).toBe('kafka-1:9092,kafka-2:9092');
    expect(config.brokers).toBe('kafka-1:9092,kafka-2:9092');
  });

  it('treats blank variables as unset', () => {
    const config = stackConfig(
      { KAFKA_BROKERS: ' ', RANGEFINDER_KAFKA_PORT: '', RANGEFINDER_STACK: '' },
      repo,
    );
    expect(config.externalBrokers).toBeNull();
    expect(config.kafkaPort).toBe(9092);
    expect(config.name).toBe('local');
  });

  it('refuses equal broker and controller ports', () => {
    expect(() =>
      stackConfig(
        { RANGEFINDER_KAFKA_PORT: '29092', RANGEFINDER_KAFKA_CONTROLLER_PORT: '29092' },
        repo,
      ),
    ).toThrow(/must differ/);
  });

  it.each(['../x', 'a/b', '-x', 'with space'])('refuses the stack name %p', (name) => {
    expect(() => stackConfig({ RANGEFINDER_STACK: name }, repo)).toThrow(StackConfigError);
  });
});

describe('parsePort', () => {
  it('falls back when unset', () => {
    expect(parsePort('P', undefined, 9092)).toBe(9092);
  });

  it.each(['0', '65536', '90.5', 'abc', '-1', '1e3'])('names the variable for %p', (raw) => {
    expect(() => parsePort('RANGEFINDER_KAFKA_PORT', raw, 9092)).toThrow(/RANGEFINDER_KAFKA_PORT/);
  });

  it('accepts the full port range', () => {
    expect(parsePort('P', '1', 0)).toBe(1);
    expect(parsePort('P', '65535', 0)).toBe(65535);
  });
});
