export const VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}\.\d+$/;
export const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const LEVEL_CODE_PATTERN = /^[A-Z][A-Z0-9]{0,7}$/;
export const ZONE_CODE_PATTERN = /^[A-Z]{2}(-[A-Za-z0-9]+)*$/;
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
export const ISO_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const SOURCE_PATTERN = /^[a-z0-9._-]{1,64}$/;

export const VERSION_MESSAGE = {
  message: 'must be a version such as 2026-11-26.1 (date, dot, sequence)',
};
export const CODE_MESSAGE = { message: 'must be a lower-case code such as data-scientist' };

/** A YYYY-MM-DD string that names a day of the calendar (not 2026-02-30). */
export function isRealDate(iso: string): boolean {
  if (!ISO_DATE_PATTERN.test(iso)) return false;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso;
}
