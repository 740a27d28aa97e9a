const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * The one key normalization for titles, cities and region names: Unicode-compatible form,
 * lower case, every run of characters other than letters and digits is one space, ends trimmed.
 * "Sr. Data Scientist", "sr data-scientist" and " SR  DATA SCIENTIST " share the key
 * "sr data scientist".
 */
export function normalizeKey(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(NOT_LETTER_OR_DIGIT, ' ').trim();
}
