import { describe, expect, it } from 'vitest';
import { asScenarioId, type ScenarioId } from '../../../../shared/domain/scenario';
import type { ApplicationField, ScenarioStatus } from '../../../../shared/domain/vocabulary';
import {
  APPLICATION_FIELDS,
  INDICATORS,
  PILOT_STAGES,
  SCENARIO_STATUSES,
  TECH_DIRECTIONS,
} from '../../../../shared/domain/vocabulary';
import { asRegionCode, type RegionCode } from '../../../../shared/regions/regions';
import {
  PLAN_TARGETS,
  countsByRegionFieldStatus,
  indicatorsByYear,
  pilotFunnel,
  planProgress,
  type DashboardPilot,
  type DashboardScenario,
} from '../../../../shared/partners/dashboard';
import { fakeRegions, loadRealRegions } from '../domain/regionsFixture';

const regions = fakeRegions();
const MED = asScenarioId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
const FAC = asScenarioId('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');

function s(
  regionCode: string,
  field: ApplicationField,
  status: ScenarioStatus,
  deletedAt: number | null = null,
): DashboardScenario {
  return { regionCode: asRegionCode(regionCode), field, status, deletedAt };
}

const SCENARIOS = [
  s('510000', 'medical', 'open'), // province level
  s('510100', 'medical', 'open'), // 成都市 itself
  s('510107', 'medical', 'open'),
  s('510107', 'medical', 'piloting'),
  s('510104', 'industrial', 'draft'),
  s('511181', 'scenic_site', 'open'),
  s('511181', 'scenic_site', 'open', 99), // deleted
  s('440300', 'medical', 'open'), // not a Sichuan code: skipped
];

describe('countsByRegionFieldStatus', () => {
  it('province level: everything in one row', () => {
    const table = countsByRegionFieldStatus(SCENARIOS, regions, 'province');
    expect(table.rows.map((r) => [r.region.code, r.counts.total])).toEqual([['510000', 6]]);
    expect(table.direct).toBeNull();
    expect(table.total.byField.medical).toBe(4);
    expect(table.total.byStatus.open).toBe(4);
    expect(table.total.cells.medical.piloting).toBe(1);
  });

  it('city level: counties roll up into their city; province-level records are direct', () => {
    const table = countsByRegionFieldStatus(SCENARIOS, regions, 'city');
    expect(table.parent?.code).toBe('510000');
    expect(Object.fromEntries(table.rows.map((r) => [r.region.code, r.counts.total]))).toEqual({
      '510100': 4,
      '511100': 1,
    });
    expect(table.direct?.total).toBe(1);
    expect(table.total.total).toBe(6);
  });

  it('county level of a city: the city’s own records are direct', () => {
    const table = countsByRegionFieldStatus(SCENARIOS, regions, 'county', '510100');
    expect(Object.fromEntries(table.rows.map((r) => [r.region.code, r.counts.total]))).toEqual({
      '510107': 2,
      '510104': 1,
    });
    expect(table.rows.find((r) => r.region.code === '510107')?.counts.cells.medical).toMatchObject({
      open: 1,
      piloting: 1,
      draft: 0,
    });
    expect(table.direct?.total).toBe(1);
    expect(table.total.total).toBe(4);
  });

  it('every county when no city is given', () => {
    const table = countsByRegionFieldStatus(SCENARIOS, regions, 'county');
    expect(table.rows.map((r) => r.region.code).sort()).toEqual(['510104', '510107', '511181']);
    expect(table.total.total).toBe(4);
  });

  it('refuses a parent of the wrong level', () => {
    expect(() => countsByRegionFieldStatus(SCENARIOS, regions, 'county', '510107')).toThrow(/\[dashboard\]/);
    expect(() => countsByRegionFieldStatus(SCENARIOS, regions, 'city', '510100')).toThrow(/\[dashboard\]/);
  });
});

function p(overrides: Partial<DashboardPilot> = {}): DashboardPilot {
  return {
    scenarioId: MED,
    stage: 'in_progress',
    techDirection: 'non_invasive_bci',
    indicators: [],
    regulatory: null,
    deletedAt: null,
    ...overrides,
  };
}

describe('pilotFunnel', () => {
  it('counts live pilots per stage in pipeline order, zeros included', () => {
    const funnel = pilotFunnel([
      p({ stage: 'applied' }),
      p({ stage: 'applied' }),
      p({ stage: 'signed' }),
      p({ stage: 'signed', deletedAt: 1 }),
    ]);
    expect(funnel.map((f) => f.stage)).toEqual(PILOT_STAGES.map((s) => s.key));
    expect(funnel.find((f) => f.stage === 'applied')).toMatchObject({ count: 2, zh: '申报' });
    expect(funnel.find((f) => f.stage === 'signed')?.count).toBe(1);
    expect(funnel.reduce((sum, f) => sum + f.count, 0)).toBe(3);
  });
});

describe('indicatorsByYear', () => {
  it('sums months into their year, per indicator, years ascending', () => {
    const years = indicatorsByYear([
      p({
        indicators: [
          { period: '2026-01', indicator: 'people_served', value: 10 },
          { period: '2026-02', indicator: 'people_served', value: 5 },
          { period: '2025', indicator: 'surgeries', value: 2 },
        ],
      }),
      p({
        indicators: [
          { period: '2026', indicator: 'people_served', value: 100 },
          { period: '2026', indicator: 'rehab_uses', value: 7 },
        ],
      }),
      p({ indicators: [{ period: '2026', indicator: 'people_served', value: 1000 }], deletedAt: 3 }),
    ]);
    expect(years).toEqual([
      { year: 2025, values: { people_served: 0, surgeries: 2, devices_deployed: 0, rehab_uses: 0 } },
      { year: 2026, values: { people_served: 115, surgeries: 0, devices_deployed: 0, rehab_uses: 7 } },
    ]);
  });
});

describe('planProgress', () => {
  const fieldOf = (id: ScenarioId): ApplicationField | undefined =>
    id === MED ? 'medical' : id === FAC ? 'industrial' : undefined;
  const pilots = [
    p({
      techDirection: 'invasive_bci',
      regulatory: { deviceRegistration: 'registered', ethicsApproval: 'approved' },
      indicators: [
        { period: '2025', indicator: 'surgeries', value: 1 },
        { period: '2027-05', indicator: 'surgeries', value: 40 },
      ],
    }),
    p({
      techDirection: 'invasive_bci',
      regulatory: { deviceRegistration: 'submitted', ethicsApproval: 'approved' },
    }),
    p({
      techDirection: 'non_invasive_bci',
      regulatory: { deviceRegistration: 'registered', ethicsApproval: 'approved' },
      indicators: [{ period: '2027', indicator: 'people_served', value: 60_000 }],
    }),
    p({
      scenarioId: FAC,
      techDirection: 'exoskeleton',
      indicators: [
        { period: '2027', indicator: 'people_served', value: 5_000 },
        { period: '2027', indicator: 'rehab_uses', value: 20_000 },
      ],
    }),
    p({
      techDirection: 'invasive_bci',
      regulatory: { deviceRegistration: 'registered', ethicsApproval: 'approved' },
      deletedAt: 1,
    }),
  ];
  const byKey = (year: number, external = {}) =>
    Object.fromEntries(
      planProgress(pilots, { year, scenarioFieldOf: fieldOf, external }).map((i) => [i.target.key, i]),
    );

  it('measures every target as documented', () => {
    const progress = byKey(2027, { specialisedSmes: 120 });
    expect(progress['invasive_bci_registered']).toMatchObject({ value: 1, isMet: false });
    expect(progress['invasive_bci_registered']?.ratio).toBeCloseTo(1 / 3);
    expect(progress['non_invasive_bci_registered']).toMatchObject({ value: 1 });
    expect(progress['first_invasive_surgery']).toMatchObject({ value: 41, isMet: true });
    // Medical scenarios only: the factory pilot's 5,000 do not count.
    expect(progress['patient_services_2027']).toMatchObject({ value: 60_000, isMet: true });
    expect(progress['invasive_surgeries_2030']).toMatchObject({ value: 40, isMet: false });
    // "over 20,000": exactly 20,000 is not met.
    expect(progress['rehab_uses_2030']).toMatchObject({ value: 20_000, isMet: false });
    expect(progress['specialised_smes']).toMatchObject({ value: 120, isMet: true, ratio: 1.2 });
    expect(progress['chain_leader_enterprises']).toMatchObject({ value: null, ratio: null, isMet: null });
  });

  it('annual targets take one year; cumulative ones stop at it', () => {
    const progress = byKey(2026);
    expect(progress['patient_services_2027']?.value).toBe(0);
    expect(progress['first_invasive_surgery']?.value).toBe(1);
  });

  it('defines each target once, with both labels, for 2027 or 2030', () => {
    expect(new Set(PLAN_TARGETS.map((t) => t.key)).size).toBe(PLAN_TARGETS.length);
    for (const t of PLAN_TARGETS) {
      expect([2027, 2030]).toContain(t.by);
      expect(t.zh.length * t.en.length * t.note.zh.length).toBeGreaterThan(0);
    }
  });
});

describe('speed', () => {
  it('aggregates 100k scenarios and 20k pilots (timing printed, budget 200 ms)', () => {
    const index = loadRealRegions() ?? regions;
    const codes = index.all.map((r) => r.code);
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed % n;
    };
    const scenarioIds: ScenarioId[] = [];
    const fields = new Map<string, ApplicationField>();
    const scenarios: DashboardScenario[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const id = `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000` as ScenarioId;
      const field = APPLICATION_FIELDS[next(APPLICATION_FIELDS.length)]?.key ?? 'medical';
      scenarioIds.push(id);
      fields.set(id, field);
      scenarios.push({
        regionCode: codes[next(codes.length)] as RegionCode,
        field,
        status: SCENARIO_STATUSES[next(7)]?.key ?? 'open',
        deletedAt: null,
      });
    }
    const pilots: DashboardPilot[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      pilots.push({
        scenarioId: scenarioIds[next(scenarioIds.length)] as ScenarioId,
        stage: PILOT_STAGES[next(PILOT_STAGES.length)]?.key ?? 'applied',
        techDirection: TECH_DIRECTIONS[next(4)]?.key ?? 'other',
        regulatory: {
          deviceRegistration: next(4) === 0 ? 'registered' : 'planned',
          ethicsApproval: 'approved',
        },
        indicators: Array.from({ length: 12 }, (_, m) => ({
          period: `${2025 + (m % 3)}-${String(1 + Math.floor(m / 3)).padStart(2, '0')}`,
          indicator: INDICATORS[m % 4]?.key ?? 'people_served',
          value: next(500),
        })),
        deletedAt: null,
      });
    }
    const city = index.cities()[0]?.code;
    const run = () => ({
      province: countsByRegionFieldStatus(scenarios, index, 'province'),
      cities: countsByRegionFieldStatus(scenarios, index, 'city'),
      counties: countsByRegionFieldStatus(scenarios, index, 'county', city),
      funnel: pilotFunnel(pilots),
      years: indicatorsByYear(pilots),
      progress: planProgress(pilots, { year: 2026, scenarioFieldOf: (id) => fields.get(id) }),
    });
    // Timing is printed, not asserted: CI machines vary. The first run is what a person opening
    // the dashboard waits for (cold JIT); the second shows the steady state.
    let start = performance.now();
    const { province, cities, counties, funnel, years, progress } = run();
    const cold = performance.now() - start;
    start = performance.now();
    run();
    const warm = performance.now() - start;
    console.log(
      `[bench] dashboard_100k_ms cold=${cold.toFixed(1)} warm=${warm.toFixed(1)} (budget 200; ${index.all.length} regions)`,
    );
    expect(province.total.total).toBe(100_000);
    expect(cities.total.total).toBe(100_000);
    expect(counties.rows.length).toBeGreaterThan(0);
    expect(funnel.reduce((sum, f) => sum + f.count, 0)).toBe(20_000);
    expect(years.map((y) => y.year)).toEqual([2025, 2026, 2027]);
    expect(progress).toHaveLength(PLAN_TARGETS.length);
  });
});
