import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import {
  SurveyRowV1,
  SurveyTableV1,
  fieldProblems,
  type FieldProblem,
} from '@rangefinder/contracts';
import { CliError } from '../cli-error';
import {
  BlsOewsRoleMap,
  blsOewsSurveyTable,
  parseBlsOewsRoleMap,
  readBlsOewsSurveyTable,
  type SurveyTableDraft,
} from './bls-oews.survey';

const HEADER =
  '\ufeffAREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,JOBS_1000,LOC_QUOTIENT,PCT_TOTAL,PCT_RPT,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY';
const PREFIX = '99,U.S.,1,US,000000,Cross-industry,cross-industry,1235';

/** Lines of bls_oews_national_M2023_dl.csv (US BLS, public domain), keyed by their line number there. */
const REAL_LINES = {
  chiefExecutives: `${PREFIX},11-1011,Chief Executives,detailed,"211,230",1.4,,,,,124.47,"258,900",0.7,38.46,62.90,99.37,#,#,"80,000","130,840","206,680",#,#,,`,
  itManagers: `${PREFIX},11-3021,Computer and Information Systems Managers,detailed,"592,600",0.5,,,,,86.88,"180,720",0.3,48.84,63.35,81.50,102.91,#,"101,590","131,770","169,510","214,050",#,,`,
  dataScientistsBroad: `${PREFIX},15-2050,Data Scientists,broad,"192,710",1.2,,,,,57.23,"119,040",0.4,29.36,38.37,51.93,70.99,88.51,"61,070","79,810","108,020","147,670","184,090",,`,
  dataScientists: `${PREFIX},15-2051,Data Scientists,detailed,"192,710",1.2,,,,,57.23,"119,040",0.4,29.36,38.37,51.93,70.99,88.51,"61,070","79,810","108,020","147,670","184,090",,`,
  actors: `${PREFIX},27-2011,Actors,detailed,"62,560",11.2,,,,,41.01,*,6.4,13.00,15.98,20.50,36.54,100.01,*,*,*,*,*,,TRUE`,
  educationAdministrators: `${PREFIX},11-9032,"Education Administrators, Kindergarten through Secondary",detailed,"302,580",0.6,,,,,*,"111,020",0.3,*,*,*,*,*,"70,050","83,050","103,460","131,180","163,010",TRUE,`,
};

function csv(...lines: string[]): string {
  return [HEADER, ...lines, ''].join('\n');
}

function mapping(occupationCode: string, occupationTitle: string, role: string, level = 'IC3') {
  return { occupationCode, occupationTitle, role, level, why: 'spec' };
}

function roleMap(...mappings: ReturnType<typeof mapping>[]): BlsOewsRoleMap {
  const parsed = parseBlsOewsRoleMap({
    version: 'spec',
    source: 'bls-oews-spec',
    notes: [],
    mappings,
  });
  if (Array.isArray(parsed)) throw new Error(`bad spec role map: ${JSON.stringify(parsed)}`);
  return parsed;
}

const DATA_SCIENTISTS = mapping('15-2051', 'Data Scientists', 'data-scientist');

function read(text: string, map: BlsOewsRoleMap, weight = 1): Promise<SurveyTableDraft> {
  return readBlsOewsSurveyTable(text, map, weight);
}

function contractProblems(table: SurveyTableV1): FieldProblem[] {
  return fieldProblems(validateSync(table, { forbidUnknownValues: true }));
}

describe('BLS OEWS survey table', () => {
  it('maps a detailed occupation, reading thousands separators, and ignores its broad group', async () => {
    const { table, warnings } = await read(
      csv(REAL_LINES.dataScientistsBroad, REAL_LINES.dataScientists),
      roleMap(DATA_SCIENTISTS),
    );
    expect(warnings).toEqual([]);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toBeInstanceOf(SurveyRowV1);
    expect({ ...table.rows[0] }).toEqual({
      role: 'data-scientist',
      level: 'IC3',
      occupationCode: '15-2051',
      occupationTitle: 'Data Scientists',
      n: 192710,
      p10: 61070,
      p25: 79810,
      p50: 108020,
      p75: 147670,
      p90: 184090,
    });
  });

  it('describes the national May 2023 file in USD, with the source of the role map and the weight given', async () => {
    const { table } = await read(csv(REAL_LINES.dataScientists), roleMap(DATA_SCIENTISTS), 2.5);
    expect(table).toBeInstanceOf(SurveyTableV1);
    expect({ ...table, rows: [] }).toEqual({
      source: 'bls-oews-spec',
      title: 'US BLS OEWS national wage percentiles, May 2023',
      country: 'US',
      currency: 'USD',
      referenceDate: '2023-05-15',
      weight: 2.5,
      rows: [],
    });
  });

  it('sends a top-coded percentile as null and says so', async () => {
    const { table, warnings } = await read(
      csv(REAL_LINES.itManagers, REAL_LINES.chiefExecutives),
      roleMap(
        mapping(
          '11-3021',
          'Computer and Information Systems Managers',
          'engineering-manager',
          'M2',
        ),
        mapping('11-1011', 'Chief Executives', 'ceo', 'E4'),
      ),
    );
    expect(table.rows.map((row) => [row.occupationCode, row.p50, row.p75, row.p90])).toEqual([
      ['11-3021', 169510, 214050, null],
      ['11-1011', 206680, null, null],
    ]);
    expect(warnings).toEqual([
      '11-3021 Computer and Information Systems Managers (line 2): A_PCT90 is top-coded (annual wage at or above $239,200); p90 sent as null',
      '11-1011 Chief Executives (line 3): A_PCT75 is top-coded (annual wage at or above $239,200); p75 sent as null',
      '11-1011 Chief Executives (line 3): A_PCT90 is top-coded (annual wage at or above $239,200); p90 sent as null',
    ]);
  });

  it('does not send an occupation without an annual median (hourly-only figures)', async () => {
    const { table, warnings } = await read(
      csv(REAL_LINES.actors, REAL_LINES.dataScientists),
      roleMap(mapping('27-2011', 'Actors', 'actor'), DATA_SCIENTISTS),
    );
    expect(table.rows.map((row) => row.occupationCode)).toEqual(['15-2051']);
    expect(warnings).toEqual([
      '27-2011 Actors (line 2): A_MEDIAN is not published; not sent (a survey row needs a median)',
    ]);
  });

  it('reads a quoted title with a comma, and warns when the file names the occupation differently', async () => {
    const { table, warnings } = await read(
      csv(REAL_LINES.educationAdministrators),
      roleMap(mapping('11-9032', 'School Principals', 'principal', 'M3')),
    );
    expect(table.rows[0]).toMatchObject({
      occupationTitle: 'Education Administrators, Kindergarten through Secondary',
      n: 302580,
      p50: 103460,
    });
    expect(warnings).toEqual([
      '11-9032 School Principals (line 2): the file calls it "Education Administrators, Kindergarten through Secondary"; check that the mapping still means this occupation',
    ]);
  });

  it('warns about a mapped code that is not a detailed occupation in the file', async () => {
    const { table, warnings } = await read(
      csv(REAL_LINES.dataScientistsBroad),
      roleMap(mapping('15-2050', 'Data Scientists', 'data-scientist')),
    );
    expect(table.rows).toEqual([]);
    expect(warnings).toEqual([
      '15-2050 Data Scientists: no detailed occupation with this code in the file; not sent',
    ]);
  });

  it('does not send a row with a figure it cannot read or without an employment count', async () => {
    const unreadable = REAL_LINES.dataScientists.replace('"79,810"', '"79.810,00"');
    const noEmployment = REAL_LINES.itManagers.replace('"592,600"', '**');
    const { table, warnings } = await read(
      csv(unreadable, noEmployment),
      roleMap(
        DATA_SCIENTISTS,
        mapping(
          '11-3021',
          'Computer and Information Systems Managers',
          'engineering-manager',
          'M2',
        ),
      ),
    );
    expect(table.rows).toEqual([]);
    expect(warnings).toContain(
      '15-2051 Data Scientists (line 2): A_PCT25 "79.810,00" is not an amount; not sent',
    );
    expect(warnings).toContain(
      '11-3021 Computer and Information Systems Managers (line 3): TOT_EMP "**" is not an employment count; not sent',
    );
  });

  it('uses the first of two detailed rows with one code and reports unparseable lines', async () => {
    const later = REAL_LINES.dataScientists.replace('"108,020"', '"999,999"');
    const { table, warnings } = await read(
      csv(REAL_LINES.dataScientists, later, '99,U.S.,"unterminated'),
      roleMap(DATA_SCIENTISTS),
    );
    expect(table.rows[0]?.p50).toBe(108020);
    expect(warnings[0]).toBe('line 3: 15-2051 repeats line 2; the first is used');
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/^line 4: .*; skipped$/);
  });

  it('is a pure function of rows already read', () => {
    const { table } = blsOewsSurveyTable(
      [
        {
          kind: 'record',
          line: 7,
          bytesRead: 0,
          record: {
            OCC_CODE: '15-2051',
            OCC_TITLE: 'Data Scientists',
            O_GROUP: 'detailed',
            TOT_EMP: '12',
            A_PCT10: '*',
            A_PCT25: '1,000',
            A_MEDIAN: '2000',
            A_PCT75: '#',
            A_PCT90: '',
          },
        },
      ],
      roleMap(DATA_SCIENTISTS),
      1,
    );
    expect(table.rows[0]).toMatchObject({
      n: 12,
      p10: null,
      p25: 1000,
      p50: 2000,
      p75: null,
      p90: null,
    });
  });

  it('refuses a file whose header lacks the columns it reads', async () => {
    const headerOnly = read(
      'OCC_CODE,OCC_TITLE,TOT_EMP\n15-2051,Data Scientists,1\n',
      roleMap(DATA_SCIENTISTS),
    );
    await expect(headerOnly).rejects.toThrow(CliError);
    await expect(headerOnly).rejects.toThrow(
      /lacks columns O_GROUP, A_PCT10, A_PCT25, A_MEDIAN, A_PCT75, A_PCT90/,
    );
  });
});

describe('BLS OEWS role map', () => {
  const good = mapping('15-2051', 'Data Scientists', 'data-scientist');

  function problems(raw: unknown): FieldProblem[] {
    const parsed = parseBlsOewsRoleMap(raw);
    if (!Array.isArray(parsed)) throw new Error('expected problems');
    return parsed;
  }

  it('refuses two occupations for one cell and one occupation twice', () => {
    const base = { version: '1', source: 'bls-oews-2023', notes: [] };
    expect(
      problems({ ...base, mappings: [good, { ...good, occupationCode: '15-2041' }, good] }),
    ).toEqual([
      { path: 'mappings.2.occupationCode', problem: 'repeats mappings.0 (15-2051)' },
      { path: 'mappings.1.level', problem: 'repeats mappings.0 (data-scientist IC3)' },
      { path: 'mappings.2.level', problem: 'repeats mappings.0 (data-scientist IC3)' },
    ]);
  });

  it('names a bad field, an unknown field and a missing list', () => {
    const base = { version: '1', source: 'bls-oews-2023', notes: [] };
    expect(problems({ ...base, mappings: [{ ...good, level: 'ic3' }] })).toEqual([
      { path: 'mappings.0.level', problem: 'must be a catalogue level code such as IC3 or M2' },
    ]);
    expect(problems({ ...base, mappings: [good], levle: 'IC3' })).toEqual([
      { path: 'levle', problem: 'property levle should not exist' },
    ]);
    expect(problems({ ...base }).map((p) => p.path)).toContain('mappings');
    expect(problems([])).toEqual([{ path: '', problem: 'must be a JSON object' }]);
  });
});

describe('SurveyTableV1 contract', () => {
  function table(rows: Partial<SurveyRowV1>[], weight: unknown = 1): SurveyTableV1 {
    return plainToInstance(SurveyTableV1, {
      source: 'bls-oews-2023',
      title: 'spec',
      country: 'US',
      currency: 'USD',
      referenceDate: '2023-05-15',
      weight,
      rows: rows.map((row) => ({
        role: 'data-scientist',
        level: 'IC3',
        occupationCode: '15-2051',
        occupationTitle: 'Data Scientists',
        n: 10,
        p10: 50,
        p25: 60,
        p50: 70,
        p75: 80,
        p90: 90,
        ...row,
      })),
    });
  }

  it('accepts ordered points and unpublished (null) outer points', () => {
    expect(contractProblems(table([{}]))).toEqual([]);
    expect(contractProblems(table([{ p10: null, p25: null, p75: null, p90: null }]))).toEqual([]);
  });

  it('names the point that breaks the order, skipping unpublished points', () => {
    expect(contractProblems(table([{ p75: 65 }]))).toEqual([
      {
        path: 'rows.0.p75',
        problem: 'must be at least p50 (70); percentiles run p10 <= p25 <= p50 <= p75 <= p90',
      },
    ]);
    expect(contractProblems(table([{ p25: null, p50: 55, p75: 80 }]))).toEqual([]);
    expect(contractProblems(table([{ p25: null, p50: 45 }])).map((p) => p.path)).toEqual([
      'rows.0.p50',
    ]);
    expect(contractProblems(table([{ p75: null, p90: 69 }])).map((p) => p.path)).toEqual([
      'rows.0.p90',
    ]);
  });

  it('requires a positive median, a whole count of at least 1 and an explicit null for a missing point', () => {
    const paths = (rows: Partial<SurveyRowV1>[]) =>
      contractProblems(table(rows)).map((p) => p.path);
    expect(paths([{ p50: null as unknown as number }])).toContain('rows.0.p50');
    expect(paths([{ p10: 0 }])).toEqual(['rows.0.p10']);
    expect(paths([{ n: 0 }, { n: 2.5, level: 'IC4' }])).toEqual(['rows.0.n', 'rows.1.n']);
    expect(contractProblems(table([{ p10: undefined }]))).toContainEqual({
      path: 'rows.0.p10',
      problem: 'must be a number, or null when not published',
    });
  });

  it('refuses a repeated cell, no rows, and a weight outside (0, 10]', () => {
    expect(contractProblems(table([{}, { occupationCode: '15-2041' }]))).toEqual([
      {
        path: 'rows',
        problem: 'must hold one row per role and level; data-scientist IC3 is in rows 0 and 1',
      },
    ]);
    expect(contractProblems(table([])).map((p) => p.path)).toEqual(['rows']);
    for (const weight of [0, -1, 10.5, '1'])
      expect(contractProblems(table([{}], weight)).map((p) => p.path)).toContain('weight');
    expect(contractProblems(table([{}], 10))).toEqual([]);
  });
});

// Both files ship with the repo (deploy/data), so these always run.
const REPO_ROOT = resolve(__dirname, '../../../..');
const REAL_FILE = resolve(REPO_ROOT, 'deploy/data/bls_oews_national_M2023_dl.csv');
const REAL_ROLE_MAP = resolve(REPO_ROOT, 'deploy/data/bls-oews-role-map.json');
const JOB_ARCHITECTURE = resolve(REPO_ROOT, 'libs/catalogue/seed/job-architecture.json');

interface JobArchitecture {
  ladders: { code: string; levels: { code: string }[] }[];
  roles: { code: string; ladder: string }[];
}

function realRoleMap(): BlsOewsRoleMap {
  const parsed = parseBlsOewsRoleMap(JSON.parse(readFileSync(REAL_ROLE_MAP, 'utf8')));
  if (Array.isArray(parsed)) throw new Error(`role map invalid: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe('the shipped BLS role map over the real May 2023 file', () => {
  const roleMap = realRoleMap();
  const fileRows = parse(readFileSync(REAL_FILE), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  let draft: SurveyTableDraft;
  beforeAll(async () => {
    draft = await readBlsOewsSurveyTable(readFileSync(REAL_FILE, 'utf8'), roleMap, 1);
  });

  it('names only roles of the catalogue, each at a level of its own ladder', () => {
    const catalogue = JSON.parse(readFileSync(JOB_ARCHITECTURE, 'utf8')) as JobArchitecture;
    const levelsOf = new Map(catalogue.ladders.map((l) => [l.code, l.levels.map((v) => v.code)]));
    for (const { role, level } of roleMap.mappings) {
      const ladder = catalogue.roles.find((r) => r.code === role)?.ladder;
      expect({ role, ladder: ladder ?? 'not in the catalogue' }).toEqual({
        role,
        ladder: expect.any(String) as unknown,
      });
      expect({ role, level, onLadder: levelsOf.get(ladder!)?.includes(level) }).toEqual({
        role,
        level,
        onLadder: true,
      });
    }
  });

  it('maps only detailed occupations of the file, by their own titles', () => {
    for (const { occupationCode, occupationTitle } of roleMap.mappings) {
      const inFile = fileRows.filter((row) => row.OCC_CODE === occupationCode);
      expect({ occupationCode, groups: inFile.map((row) => row.O_GROUP) }).toEqual({
        occupationCode,
        groups: expect.arrayContaining(['detailed']) as unknown,
      });
      expect(inFile.find((row) => row.O_GROUP === 'detailed')?.OCC_TITLE).toBe(occupationTitle);
    }
  });

  it('sends every mapped occupation; the only warning is the top-coded P90 of IT managers', () => {
    expect(draft.table.rows.map((row) => row.occupationCode)).toEqual(
      roleMap.mappings.map((m) => m.occupationCode),
    );
    expect(draft.warnings).toEqual([
      expect.stringMatching(
        /^11-3021 Computer and Information Systems Managers \(line \d+\): A_PCT90 is top-coded/,
      ),
    ]);
  });

  it('gives Data Scientists (15-2051) the file’s own figures', () => {
    expect(draft.table.rows.find((row) => row.occupationCode === '15-2051')).toMatchObject({
      role: 'data-scientist',
      level: 'IC3',
      n: 192710,
      p10: 61070,
      p25: 79810,
      p50: 108020,
      p75: 147670,
      p90: 184090,
    });
  });

  it('carries every published figure exactly as the file states it', () => {
    const amount = (text: string | undefined) =>
      text === '#' ? null : Number((text ?? '').replaceAll(',', ''));
    for (const row of draft.table.rows) {
      const line = fileRows.find(
        (r) => r.OCC_CODE === row.occupationCode && r.O_GROUP === 'detailed',
      )!;
      expect([row.n, row.p10, row.p25, row.p50, row.p75, row.p90]).toEqual([
        amount(line.TOT_EMP),
        amount(line.A_PCT10),
        amount(line.A_PCT25),
        amount(line.A_MEDIAN),
        amount(line.A_PCT75),
        amount(line.A_PCT90),
      ]);
    }
  });

  it('produces a table that meets SurveyTableV1, row by row', () => {
    expect(contractProblems(draft.table)).toEqual([]);
    for (const row of draft.table.rows)
      expect({ row: row.occupationCode, problems: fieldProblems(validateSync(row)) }).toEqual({
        row: row.occupationCode,
        problems: [],
      });
  });
});
