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

describe('edgeValidationPipe against hostile JSON', () => {
  it('names a prototype key instead of dropping it', async () => {
    const body = JSON.parse('{"count":1,"inner":{"n":1,"constructor":"x"}}') as unknown;
    expect(await edgeProblems(Outer, body)).toEqual([
      { path: 'inner.constructor', problem: 'is a reserved name' },
    ]);
  });

  it('refuses a body nested thousands of levels deep with a 400, not a stack overflow', async () => {
    const body = JSON.parse(`{"count":${'['.repeat(5_000)}${']'.repeat(5_000)}}`) as unknown;
    expect((await edgeProblems(Outer, body)).map((f) => f.problem)).toEqual([
      'nests deeper than 64 levels',
    ]);
  });
});
