import type { GroupKey } from '../cells/observation-index';

/**
 * What bands replicas tell each other through Postgres (LISTEN/NOTIFY, sent in the transaction
 * that makes the change): every replica holds every observation, input and published version, and
 * follows these to stay equal to the others.
 */
export const BandsChannel = {
  /** `{ keys }`: observations stored or erased, by record key. */
  Observations: 'bands_observations',
  /** `InputChange`: the policy, structures or surveys changed. */
  Inputs: 'bands_inputs',
  /** `{}`: new published versions. */
  Published: 'bands_published',
} as const;

export interface InputChange extends Record<string, unknown> {
  input: 'policy' | 'structures' | 'surveys';
  /** The role × level groups to recompute; all when absent. */
  groups?: GroupKey[];
}
