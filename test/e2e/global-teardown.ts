import { builtStack } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  if (process.env.RANGEFINDER_E2E_STARTED_KAFKA !== '1') return;
  const { stackConfig, stopAll } = builtStack();
  await stopAll(stackConfig());
}
