import type { KafkaMessage } from 'kafkajs';
import { RejectionCode } from '@rangefinder/contracts';
import { freshPart, type Decoded } from './apply-chunk-once';

const message = (offset: number): KafkaMessage => ({
  key: Buffer.from(`k:${offset}`),
  value: Buffer.from(String(offset)),
  offset: String(offset),
  timestamp: '0',
  attributes: 0,
  headers: {},
});
const reject = { code: RejectionCode.SchemaViolation, message: 'odd', fields: [] };
/** Offsets 10…14; the odd ones are rejected. */
const chunk = [10, 11, 12, 13, 14].map((offset) => ({
  message: message(offset),
  decoded: (offset % 2 === 0 ? { ok: offset } : { reject }) as Decoded<number>,
}));

describe('freshPart', () => {
  it('takes the whole chunk when none of it was applied, split by outcome in offset order', () => {
    const part = freshPart(chunk, 0n)!;
    expect(part.accepted).toEqual([10, 12, 14]);
    expect(part.rejected.map((r) => r.message.offset)).toEqual(['11', '13']);
    expect(part.rejected[0].rejection).toEqual({ reject });
    expect(part.count).toBe(5);
    expect(part.nextOffset).toBe(15n);
  });

  it('skips the offsets an earlier delivery applied', () => {
    const part = freshPart(chunk, 13n)!;
    expect(part.accepted).toEqual([14]);
    expect(part.rejected.map((r) => r.message.offset)).toEqual(['13']);
    expect(part.count).toBe(2);
    expect(part.nextOffset).toBe(15n);
  });

  it('has nothing to do when the whole chunk was applied', () => {
    expect(freshPart(chunk, 15n)).toBeUndefined();
    expect(freshPart([], 0n)).toBeUndefined();
  });

  it('compares offsets as integers, not text', () => {
    const wide = [9, 10].map((offset) => ({
      message: message(offset),
      decoded: { ok: offset } as Decoded<number>,
    }));
    expect(freshPart(wide, 10n)!.accepted).toEqual([10]);
  });
});
