/** What offers replicas tell each other through Postgres (LISTEN/NOTIFY). */
export const OffersChannel = {
  /** `{ keys }`: cells with newly stored band versions. */
  Bands: 'offers_bands',
  /** `{}`: a new verdict policy. */
  VerdictPolicy: 'offers_verdict_policy',
} as const;
