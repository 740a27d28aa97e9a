function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}

/** (max − min) / min. */
export function spread(min: number, max: number): number {
  assertPositive('band min', min);
  if (!(max >= min)) throw new RangeError(`band max ${max} is below min ${min}`);
  return (max - min) / min;
}

export function compaRatio(base: number, mid: number): number {
  assertPositive('band mid', mid);
  return base / mid;
}

/**
 * (base − min) / (max − min): 0 at min, 1 at max, outside [0, 1] outside the band; null for a
 * zero-width band (max = min), where it is undefined.
 */
export function rangePenetration(base: number, min: number, max: number): number | null {
  if (!(max >= min)) throw new RangeError(`band max ${max} is below min ${min}`);
  return max === min ? null : (base - min) / (max - min);
}
