import { RejectionCode, Topic } from '@rangefinder/contracts';
import { deadLetter, type OriginalMessage } from './dead-letter';

const reason = { code: RejectionCode.SchemaViolation, message: 'bad', fields: [] };
const original = (value: Buffer | null): OriginalMessage => ({
  topic: 'comp.bands.v1',
  partition: 2,
  offset: '7',
  key: 'a|b|c',
  value,
  headers: {},
});
const AT = '2026-01-02T03:04:05.000Z';

describe('deadLetter', () => {
  it.each([
    [Topic.DatapointsDlq, 'comp.datapoint-rejection.v1'],
    [Topic.ObservationsDlq, 'comp.observation-rejection.v1'],
    [Topic.BandsDlq, 'comp.band-rejection.v1'],
  ] as const)('writes to %s in the schema %s, keyed like the original', (topic, schema) => {
    const letter = deadLetter(topic, reason, original(Buffer.from('{"x":1}')), AT);
    expect(letter).toEqual({
      topic,
      key: 'a|b|c',
      value: {
        schema,
        reason,
        original: {
          topic: 'comp.bands.v1',
          partition: 2,
          offset: '7',
          key: 'a|b|c',
          value: '{"x":1}',
          valueEncoding: 'utf8',
          headers: {},
        },
        rejectedAt: AT,
      },
    });
  });

  it('keeps a value that is not text as base64, and a tombstone as null', () => {
    const bytes = Buffer.from([0x7b, 0xc3, 0x28, 0x00]);
    expect(deadLetter(Topic.BandsDlq, reason, original(bytes), AT).value).toMatchObject({
      original: { value: bytes.toString('base64'), valueEncoding: 'base64' },
    });
    expect(deadLetter(Topic.BandsDlq, reason, original(null), AT).value).toMatchObject({
      original: { value: null, valueEncoding: 'utf8' },
    });
  });
});
