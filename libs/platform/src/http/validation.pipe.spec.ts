import { Type } from 'class-transformer';
import { IsInt, IsObject, ValidateNested } from 'class-validator';
import { edgeProblems } from './validation.pipe';

class Inner {
  @IsInt()
  n!: number;
}

class Outer {
  @IsInt()
  count!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => Inner)
  inner!: Inner;
}

const problems = async (body: unknown) => (await edgeProblems(Outer, body)).map((f) => f.path);

describe('edgeValidationPipe', () => {
  it('reports a missing nested object beside the other fields', async () => {
    expect(await problems({})).toEqual(['count', 'inner']);
  });

  it('reports the fields inside a nested object by path', async () => {
    expect(await problems({ count: 1, inner: { n: 'x' } })).toEqual(['inner.n']);
  });

  it('rejects a field the contract does not know', async () => {
    expect(await problems({ count: 1, inner: { n: 1 }, extra: true })).toEqual(['extra']);
  });
});
