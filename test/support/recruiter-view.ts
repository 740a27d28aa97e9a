import type { PayZone } from '@rangefinder/catalogue';
import { Role } from '@rangefinder/platform';
import type { ServiceProcess } from './ingest-process';
import { tokenFor } from './tokens';

export interface CellOf {
  role: string;
  level: string;
  zone: PayZone;
}

/** `text` with the zone's code and name as `ZONE`: two cells' answers then compare as bodies. */
function withoutZone(text: string, zone: PayZone): string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text
    .replaceAll(zone.name, 'ZONE')
    .replace(new RegExp(`(?<![A-Za-z-])${escape(zone.code)}(?![A-Za-z-])`, 'g'), 'ZONE')
    .replace(/"checkedAt":"[^"]+"/, '"checkedAt":"T"');
}

/**
 * Everything a recruiter can ask about one cell — the band query (today and on an earlier date),
 * the list and export filtered to it, its history and an offer check — as `[status, body]` pairs
 * with the zone named `ZONE`.
 */
export async function recruiterView(
  bands: ServiceProcess,
  offers: ServiceProcess,
  { role, level, zone }: CellOf,
): Promise<[number, string][]> {
  const token = tokenFor(Role.Recruiter);
  const q = `role=${role}&level=${level}`;
  const answers = [
    await bands.call('GET', `/v1/bands?${q}&location=${zone.code}`, { token }),
    await bands.call('GET', `/v1/bands?${q}&location=${zone.code}&asOf=2024-06-01`, { token }),
    await bands.call('GET', `/v1/bands?${q}&zone=${zone.code}`, { token }),
    await bands.call('GET', `/v1/bands/export.csv?${q}&zone=${zone.code}`, { token }),
    await bands.call('GET', `/v1/bands/${role}/${level}/${zone.code}/history`, { token }),
    await offers.call('POST', '/v1/offer-checks', {
      token,
      body: { role, level, location: zone.code, currency: zone.currency, base: 100_000 },
    }),
  ];
  return answers.map((a) => [a.status, withoutZone(a.text, zone)]);
}
