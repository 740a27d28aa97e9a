import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import type { FieldProblem } from '@rangefinder/contracts';
import {
  InputChecksRegistry,
  mergeProblems,
  withoutFailedFields,
  type InputChecks,
  type Shaped,
} from './input-checks';
import { edgeProblems } from './validation.pipe';

class Pay {
  @IsInt()
  amount!: number;

  @IsOptional()
  @IsIn(['year', 'hour'])
  period?: string;
}

class Terms {
  @IsString()
  role!: string;

  @IsString()
  location!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Pay)
  pay!: Pay;
}

class Submission extends Terms {
  @IsString()
  requisition!: string;
}

const ROLES = ['data-scientist'];

/** A catalogue stage: unknown role, unknown location, an hourly amount too high. */
class TermsChecks implements InputChecks<Terms> {
  readonly input = Terms;
  seen: Shaped<Terms>[] = [];

  problems(terms: Shaped<Terms>, refused: ReadonlySet<string>): FieldProblem[] {
    this.seen.push(terms);
    const problems: FieldProblem[] = [];
    if (terms.role !== undefined && !ROLES.includes(terms.role)) {
      problems.push({ path: 'role', problem: 'is not a role' });
    }
    if (terms.location !== undefined && terms.location !== 'US') {
      problems.push({ path: 'location', problem: 'has no pay zone' });
    }
    const { amount, period } = terms.pay ?? {};
    if (amount !== undefined && !refused.has('pay.period') && period === 'hour' && amount > 5000) {
      problems.push({ path: 'pay.amount', problem: 'is implausible per hour' });
    }
    return problems;
  }
}

const paths = (problems: FieldProblem[]) => problems.map((p) => p.path);

describe('two validation stages, one answer', () => {
  let checks: TermsChecks;
  let registry: InputChecksRegistry;
  const problems = (body: unknown, metatype: new () => object = Terms) =>
    edgeProblems(metatype, body, registry);
  beforeEach(() => {
    checks = new TermsChecks();
    registry = new InputChecksRegistry([checks]);
  });

  it('reports the shape problems and the catalogue problems of the fields that passed', async () => {
    const found = await problems({ role: 'x', location: 'Atlantis', pay: { amount: 'abc' } });
    expect(paths(found)).toEqual(['pay.amount', 'role', 'location']);
  });

  it('never checks a field against the catalogue that failed its shape', async () => {
    const found = await problems({ role: 7, location: 'Atlantis', pay: { amount: 1 } });
    expect(found).toEqual([
      { path: 'role', problem: 'must be a string' },
      { path: 'location', problem: 'has no pay zone' },
    ]);
    expect(checks.seen[0]).not.toHaveProperty('role');
  });

  it('runs the catalogue stage on a body whose shape is right', async () => {
    expect(paths(await problems({ role: 'x', location: 'Atlantis', pay: { amount: 1 } }))).toEqual([
      'role',
      'location',
    ]);
    expect(await problems({ role: 'data-scientist', location: 'US', pay: { amount: 1 } })).toEqual(
      [],
    );
  });

  it('lets a rule wait for a field it depends on that was refused', async () => {
    const found = await problems({
      role: 'data-scientist',
      location: 'US',
      pay: { amount: 9000, period: 'week' },
    });
    expect(paths(found)).toEqual(['pay.period']);
  });

  it('reports a missing nested object beside the catalogue problems', async () => {
    expect(paths(await problems({ role: 'x', location: 'US' }))).toEqual(['pay', 'role']);
  });

  it('checks a subclass as the class it extends', async () => {
    const found = await problems({ role: 'x', location: 'US', pay: { amount: 1 } }, Submission);
    expect(paths(found)).toEqual(['requisition', 'role']);
  });

  it('skips the catalogue stage for a body that is not an object', async () => {
    expect(paths(await problems(['role']))).toContain('role');
    expect(checks.seen).toEqual([]);
  });
});

describe('mergeProblems', () => {
  it('keeps the shape problems first and drops later ones about a refused field or below it', () => {
    const shape = [{ path: 'pay', problem: 'must be an object' }];
    const later = [
      { path: 'pay.amount', problem: 'is implausible' },
      { path: 'role', problem: 'is not a role' },
      { path: 'payCap', problem: 'is too low' },
      { path: 'role', problem: 'is not a role' },
    ];
    expect(mergeProblems(shape, later)).toEqual([
      shape[0],
      { path: 'role', problem: 'is not a role' },
      { path: 'payCap', problem: 'is too low' },
    ]);
  });
});

describe('withoutFailedFields', () => {
  it('removes refused fields at any depth, leaving array items where they were', () => {
    const input = { name: 'x', levels: [{ min: 'a', mid: 2 }, { min: 1 }], roles: ['a', 7, 'c'] };
    withoutFailedFields(input, [
      { path: 'levels.0.min', problem: 'must be a number' },
      { path: 'roles.1', problem: 'must be a string' },
      { path: 'absent.deep', problem: 'is unknown' },
    ]);
    expect(input.levels).toEqual([{ mid: 2 }, { min: 1 }]);
    expect(1 in input.roles).toBe(false);
    expect(input.roles[2]).toBe('c');
  });
});

describe('InputChecksRegistry', () => {
  it('refuses two checks of one class', () => {
    expect(() => new InputChecksRegistry([new TermsChecks(), new TermsChecks()])).toThrow(
      /Terms has two input checks/,
    );
  });

  it('finds no checks for a class without them', () => {
    expect(new InputChecksRegistry([new TermsChecks()]).for(Pay)).toBeUndefined();
  });
});
