import { stackConfig, stopAll } from '../../deploy/local/stack';

export default async function globalTeardown(): Promise<void> {
  if (process.env.RANGEFINDER_E2E_STARTED_KAFKA === '1') await stopAll(stackConfig());
}
