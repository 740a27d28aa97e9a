import { Equals, IsString } from 'class-validator';
import { Type } from 'class-transformer';
import { RejectionCode } from '@rangefinder/contracts';
import { readContract } from './read-contract';

class Part {
  @IsString()
  code!: string;
}

class Contract {
  @Equals('test.v1')
  schema!: string;

  @Type(() => Part)
  part!: Part;

  @IsString()
  name!: string;
}

const read = (text: string) => readContract(Buffer.from(text), Contract, 'test.v1');

describe('readContract', () => {
  it('reads a valid value into the contract class', () => {
    const result = read('{"schema":"test.v1","part":{"code":"a"},"name":"n"}');
    expect('ok' in result && result.ok).toBeInstanceOf(Contract);
  });

  it('refuses a nested constructor key (it made class-transformer throw: a poison message)', () => {
    expect(read('{"schema":"test.v1","part":{"code":"a"},"name":{"constructor":"x"}}')).toEqual({
      reject: {
        code: RejectionCode.SchemaViolation,
        message: 'value violates test.v1 at: name.constructor',
        fields: [{ path: 'name.constructor', problem: 'is a reserved name' }],
      },
    });
  });

  it('refuses nesting deep enough to overflow the validator', () => {
    const deep = `{"schema":"test.v1","name":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(read(deep)).toMatchObject({ reject: { code: RejectionCode.SchemaViolation } });
  });
});
