/**
 * Published band versions per cell, as every consumer of `comp.bands.v1` needs them: the version
 * that applies on a date is the latest effective on or before it (ties: the newer version).
 */
export class BandVersionIndex<B extends { version: number; effectiveFrom: string }> {
  private readonly byCell = new Map<string, B[]>();

  /** Adds a version; the same (cell, version) again replaces it, so redelivery is harmless. */
  add(cell: string, band: B): void {
    const versions = (this.byCell.get(cell) ?? []).filter((b) => b.version !== band.version);
    versions.push(band);
    versions.sort((a, b) =>
      a.effectiveFrom === b.effectiveFrom
        ? a.version - b.version
        : a.effectiveFrom < b.effectiveFrom
          ? -1
          : 1,
    );
    this.byCell.set(cell, versions);
  }

  applying(cell: string, asOf: string): B | undefined {
    const versions = this.byCell.get(cell);
    if (!versions) return undefined;
    for (let i = versions.length - 1; i >= 0; i--) {
      if (versions[i].effectiveFrom <= asOf) return versions[i];
    }
    return undefined;
  }

  /** The most recently published version, whatever its effective date. */
  latest(cell: string): B | undefined {
    return this.byCell.get(cell)?.reduce((a, b) => (b.version > a.version ? b : a));
  }

  /** Every version of a cell, oldest version first. */
  history(cell: string): B[] {
    return [...(this.byCell.get(cell) ?? [])].sort((a, b) => a.version - b.version);
  }

  cells(): string[] {
    return [...this.byCell.keys()].sort();
  }
}
