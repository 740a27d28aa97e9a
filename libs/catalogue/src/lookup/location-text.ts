export interface Location {
  country: string;
  region?: string;
  city?: string;
}

/**
 * A location as a recruiter types it — `US`, `US-CA`, `US-CA-San Francisco`, `GB-London` — as the
 * readings to try, most specific first. Two parts are ambiguous (region or city), so both are
 * offered; a city may itself contain dashes (`US-IN-Winston-Salem`).
 */
export function parseLocationText(text: string): Location[] | undefined {
  const parts = text
    .trim()
    .split('-')
    .map((part) => part.trim());
  const country = parts[0]?.toUpperCase();
  if (!country || !/^[A-Z]{2}$/.test(country) || parts.some((part) => part === ''))
    return undefined;
  if (parts.length === 1) return [{ country }];
  if (parts.length === 2)
    return [
      { country, city: parts[1] },
      { country, region: parts[1] },
    ];
  return [{ country, region: parts[1], city: parts.slice(2).join('-') }];
}
