import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { BandV1 } from './bands/band.v1';
import { ObservationV1 } from './observations/observation.v1';

/** The properties of `value` that fail validation as `contract`. */
const failing = (contract: new () => object, value: object) =>
  validateSync(plainToInstance(contract, value)).map((e) => e.property);

// Bounds a consumer's store imposes: a value past them passed validation and then failed the
// chunk's transaction on every retry, blocking its partition.
describe('contract bounds of what consumers store', () => {
  it('a band version fits a PostgreSQL integer', () => {
    expect(failing(BandV1, { version: 2_147_483_647 })).not.toContain('version');
    expect(failing(BandV1, { version: 2_147_483_648 })).toContain('version');
  });

  it('an observation revision fits a PostgreSQL bigint', () => {
    expect(failing(ObservationV1, { revision: '9223372036854775807' })).not.toContain('revision');
    expect(failing(ObservationV1, { revision: '9223372036854775808' })).toContain('revision');
    expect(failing(ObservationV1, { revision: '99999999999999999999' })).toContain('revision');
  });

  it('a calendar date is one PostgreSQL can store (no year 0000)', () => {
    expect(failing(ObservationV1, { observedAt: '0001-01-01' })).not.toContain('observedAt');
    expect(failing(ObservationV1, { observedAt: '0000-01-01' })).toContain('observedAt');
  });
});
