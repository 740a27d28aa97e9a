import type { HttpFuzzReport } from './http-fuzz';
import type { TopicOutcome } from './kafka-fuzz';

const counts = (map: Map<string | number, number>) =>
  [...map]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/** What the fuzz tried and what came of it, for the test log. */
export function fuzzSummary(
  seed: number,
  http: HttpFuzzReport | undefined,
  topics: TopicOutcome[],
  seconds: number,
): string {
  const lines = [`fuzz: seed ${seed} (set FUZZ_SEED to change), ${seconds.toFixed(1)} s`];
  if (http) {
    lines.push(
      `  HTTP: ${http.tried} requests (${counts(http.byKind)}); by status: ${counts(http.byStatus)}; ${http.failures.length} failures`,
    );
  }
  for (const t of topics) {
    lines.push(
      `  Kafka ${t.topic}: ${t.tried} messages; ${counts(t.byOutcome)}; ${t.failures.length} failures`,
    );
  }
  return lines.join('\n');
}
