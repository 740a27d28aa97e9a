import { brokerJvmArgs, newClusterId, renderServerProperties } from './kafka-broker';

function parseProperties(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)] as [string, string];
    });
  return new Map(entries);
}

describe('renderServerProperties', () => {
  const properties = parseProperties(
    renderServerProperties({ port: 29092, controllerPort: 29093, dataDir: '/state/kafka/data' }),
  );

  it('runs one combined broker and controller on loopback', () => {
    expect(properties.get('process.roles')).toBe('broker,controller');
    expect(properties.get('node.id')).toBe('1');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:29093');
    expect(properties.get('listeners')).toBe(
      'PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093',
    );
    expect(properties.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:29092');
    expect(properties.get('controller.listener.names')).toBe('CONTROLLER');
    expect(properties.get('inter.broker.listener.name')).toBe('PLAINTEXT');
    expect(properties.get('listener.security.protocol.map')).toBe(
      'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    );
    expect(properties.get('log.dirs')).toBe('/state/kafka/data');
  });

  it('sets every replication factor and min ISR to 1', () => {
    for (const key of [
      'default.replication.factor',
      'min.insync.replicas',
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
    ]) {
      expect([key, properties.get(key)]).toEqual([key, '1']);
    }
  });

  it('makes the first group join fast, saves heap and never auto-creates topics', () => {
    expect(properties.get('group.initial.rebalance.delay.ms')).toBe('0');
    expect(properties.get('offsets.topic.num.partitions')).toBe('1');
    expect(Number(properties.get('log.cleaner.dedupe.buffer.size'))).toBe(16 * 1024 * 1024);
    expect(properties.get('auto.create.topics.enable')).toBe('false');
    expect(properties.get('num.partitions')).toBe('6');
  });

  it('lets a broker restarted after a crash register within seconds', () => {
    expect(Number(properties.get('broker.session.timeout.ms'))).toBeLessThanOrEqual(3_000);
    expect(Number(properties.get('broker.heartbeat.interval.ms'))).toBeLessThan(
      Number(properties.get('broker.session.timeout.ms')),
    );
  });

  it('never advertises a wildcard address', () => {
    expect(properties.get('advertised.listeners')).not.toContain('0.0.0.0');
  });

  it('escapes backslashes in the data directory', () => {
    const text = renderServerProperties({ port: 1, controllerPort: 2, dataDir: 'C:\\kafka' });
    expect(text).toContain('log.dirs=C:\\\\kafka');
  });
});

describe('newClusterId', () => {
  it('is 16 bytes as URL-safe base64 without padding', () => {
    for (let i = 0; i < 200; i += 1) {
      const id = newClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });

  it("draws again when the id would start with '-'", () => {
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = newClusterId(() => draws.shift() as Buffer);
    expect(Buffer.alloc(16, 0xf8).toString('base64url').startsWith('-')).toBe(true);
    expect(id).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
  });
});

describe('brokerJvmArgs', () => {
  it('uses a small heap, the stack log4j config and a JVM-expanded classpath', () => {
    const args = brokerJvmArgs('/cache/kafka-3.9.1/libs', {
      configDir: '/s/kafka',
      serverProperties: '/s/kafka/server.properties',
      log4jProperties: '/s/kafka/log4j.properties',
      dataDir: '/s/kafka/data',
    });
    expect(args).toEqual(expect.arrayContaining(['-Xms128m', '-Xmx512m']));
    expect(args).toContain('-Dlog4j.configuration=file:/s/kafka/log4j.properties');
    expect(args.slice(-4)).toEqual([
      '-cp',
      '/cache/kafka-3.9.1/libs/*',
      'kafka.Kafka',
      '/s/kafka/server.properties',
    ]);
  });
});
