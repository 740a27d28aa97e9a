import { zoneStructureRange, type StructureRounding } from '@rangefinder/comp-math';
import type { Catalogue, PayZone, RoleDef } from '@rangefinder/catalogue';
import type { StoredPolicy } from './band-policy';
import { setEdges, type CellDraft } from './cell-draft';

/** A structure's anchor-zone range for one level (in the structure's currency). */
export interface StructureRange {
  structureId: number;
  name: string;
  currency: string;
  rounding: StructureRounding;
  payCap: number | null;
  min: number;
  mid: number;
  max: number;
}

/** §2 structures: the anchor range × the zone's differential, rounded by the declared rule, capped. */
export function applyStructure(
  draft: CellDraft,
  structure: StructureRange,
  zone: PayZone,
  input: { catalogue: Catalogue; policy: StoredPolicy; role: RoleDef },
): void {
  const { catalogue, policy } = input;
  const fx =
    structure.currency === zone.currency
      ? 1
      : catalogue.convert(1, structure.currency, zone.currency, policy.body.effectiveDate)?.rate;
  if (fx === undefined) return;
  const multiplier = zone.differential / catalogue.anchorZone.differential;
  const range = zoneStructureRange(
    { min: structure.min * fx, mid: structure.mid * fx, max: structure.max * fx },
    multiplier,
    structure.rounding,
    structure.payCap === null ? undefined : structure.payCap * fx,
  );
  draft.basis = 'structure';
  draft.derivedFrom = { scope: 'structure', key: `${structure.name}#${structure.structureId}` };
  draft.provenance.structure = {
    id: structure.structureId,
    name: structure.name,
    rounding: structure.rounding,
    payCap: structure.payCap,
  };
  // An executive structure is open-ended like the ladder's market bands: its max is no ceiling.
  const ladder = catalogue.ladder(input.role.ladder);
  setEdges(draft, {
    ...range,
    openEnded: ladder ? policy.body.edges[ladder.kind].openEnded : false,
  });
}
