/** One short line per step on stderr, so stdout stays clean for whatever calls the launcher. */
export function logStep(component: string, message: string): void {
  process.stderr.write(`${component}: ${message}\n`);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function since(startedAt: number): string {
  return seconds(Date.now() - startedAt);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
