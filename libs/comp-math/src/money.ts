// Money rule: decimal major units (USD 1234.56) keep full double precision through annualizing,
// FX and aging; they are rounded half-up to the currency's minor unit only at the edges of the
// system: when stored, published or shown.

/** ISO 4217 currencies whose minor unit is not the usual 2 digits. */
const NO_DECIMALS = new Set('JPY KRW VND CLP ISK UGX XOF XAF PYG RWF'.split(' '));
const THREE_DECIMALS = new Set('BHD KWD OMR JOD TND LYD IQD'.split(' '));

export function currencyDecimals(currency: string): number {
  const code = currency.toUpperCase();
  return NO_DECIMALS.has(code) ? 0 : THREE_DECIMALS.has(code) ? 3 : 2;
}

/**
 * The decimal places a number is written with, read from its shortest decimal form, also in
 * exponent notation (1e-9 has 9, 1.5e-7 has 8, 1e21 has 0). NaN and ±Infinity have none.
 */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const [mantissa, exponent = '0'] = String(Math.abs(value)).split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/**
 * Half away from zero to `decimals` places (negative: tens, hundreds…). Snapping to the 15
 * significant digits a double guarantees and shifting in decimal notation makes 1.005 → 1.01 and
 * 1.1 × 1.15 (= 1.2649999999999999) → 1.27, as the decimals mean. Non-finite input passes through.
 */
export function roundMoney(amount: number, decimals: number = 2): number {
  if (!Number.isInteger(decimals)) {
    throw new RangeError(`decimals must be a whole number, got ${decimals}`);
  }
  if (!Number.isFinite(amount) || amount === 0) return amount === 0 ? 0 : amount;
  // Fast path (ingest's hot loop): already whole at this precision; k / 10^d is the double nearest
  // to the decimal k·10^-d, the same number the text shift below produces.
  const scale = 10 ** decimals;
  const scaled = amount * scale;
  if (decimals >= 0 && Number.isInteger(scaled) && Math.abs(scaled) < Number.MAX_SAFE_INTEGER)
    return scaled / scale;
  const [digits, exponent = '0'] = String(Number(Math.abs(amount).toPrecision(15))).split('e');
  const shifted = Number(`${digits}e${Number(exponent) + decimals}`);
  if (shifted >= Number.MAX_SAFE_INTEGER) return amount;
  const rounded = Number(`${Math.round(shifted)}e${-decimals}`);
  return rounded === 0 ? 0 : Math.sign(amount) * rounded;
}

/** `rate`: units of the target currency per unit of the source, recorded with the conversion. */
export function convertAmount(amount: number, rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new RangeError(`FX rate must be a finite number > 0, got ${rate}`);
  }
  return amount * rate;
}
