import { roundMoney, scaleMoney } from './money';

/** How structure ranges round, all half-up; "dollar" means the currency's major unit. */
export type StructureRounding = 'whole-dollar-half-up' | 'nearest-100' | 'nearest-1000';

const ROUNDING_DECIMALS: Readonly<Record<StructureRounding, number>> = {
  'whole-dollar-half-up': 0,
  'nearest-100': -2,
  'nearest-1000': -3,
};

export interface PayRange {
  min: number;
  mid: number;
  max: number;
}

export function roundStructureAmount(amount: number, rounding: StructureRounding): number {
  const decimals = ROUNDING_DECIMALS[rounding];
  if (decimals === undefined) throw new RangeError(`unknown structure rounding "${rounding}"`);
  return roundMoney(amount, decimals);
}

/** §2's anchor × (1 + differential%) as the multiplier zones store: −10 % ≙ 0.90, +15 % ≙ 1.15. */
export function differentialMultiplier(differentialPercent: number): number {
  return 1 + differentialPercent / 100;
}

export function differentialPercent(multiplier: number): number {
  return roundMoney((multiplier - 1) * 100, 10);
}

/**
 * A zone's range from the anchor range: each edge × multiplier, rounded, then capped. The cap comes
 * after rounding because it is a hard limit: a cap of 187,345 stays 187,345 under nearest-1000.
 */
export function zoneStructureRange(
  anchor: PayRange,
  multiplier: number,
  rounding: StructureRounding,
  payCap?: number,
): PayRange {
  const ordered = anchor.min > 0 && anchor.min <= anchor.mid && anchor.mid <= anchor.max;
  if (!ordered || !Number.isFinite(anchor.max)) {
    throw new RangeError(`anchor range needs 0 < min ≤ mid ≤ max, got ${JSON.stringify(anchor)}`);
  }
  if (!Number.isFinite(multiplier) || multiplier <= 0) {
    throw new RangeError(
      `zone differential must be a multiplier > 0 (0.90 = −10 %), got ${multiplier}`,
    );
  }
  if (payCap !== undefined && !(Number.isFinite(payCap) && payCap > 0)) {
    throw new RangeError(`pay cap must be a finite number > 0, got ${payCap}`);
  }
  const decimals = ROUNDING_DECIMALS[rounding];
  if (decimals === undefined) throw new RangeError(`unknown structure rounding "${rounding}"`);
  // The exact product, rounded once by the structure's rule.
  const edge = (amount: number) =>
    Math.min(scaleMoney(amount, multiplier, decimals), payCap ?? Infinity);
  return { min: edge(anchor.min), mid: edge(anchor.mid), max: edge(anchor.max) };
}
