import { describe, expect, it } from 'vitest';
import { packCoordinates } from '../../../../renderer/features/register/clusterEngine';
import { PACK_SLICE_ROWS, scenarioPoints, type MarkerRow } from '../../../../renderer/features/register/scenarioPoints';

const rows: MarkerRow[] = [
  { id: 'a', title: '华西医院病房', location: { lat: 30.64, lng: 104.06 }, field: 'medical', status: 'open' },
  { id: 'b', title: '智能产线', location: { lat: 29.35, lng: 104.77 }, field: 'industrial', status: 'piloting' },
];

describe('scenarioPoints', () => {
  it('makes the point of a row when asked, with its pilot stage or null', () => {
    const points = scenarioPoints(rows, new Map([['b', 'in_progress' as const]]));
    expect(points.length).toBe(2);
    expect(points.at(0)).toEqual({ id: 'a', title: '华西医院病房', lat: 30.64, lng: 104.06, field: 'medical', status: 'open', stage: null });
    expect(points.at(1)).toMatchObject({ id: 'b', lat: 29.35, lng: 104.77, stage: 'in_progress' });
  });

  it.each([[-1], [2], [1.5]])('has no point at %s', (index) => {
    expect(scenarioPoints(rows, new Map()).at(index)).toBeUndefined();
  });

  it('packs the rows\' coordinates as the clustering worker reads them, [lng, lat] each', async () => {
    expect([...((await scenarioPoints(rows, new Map()).coordinates()) ?? [])]).toEqual([...packCoordinates([{ lng: 104.06, lat: 30.64 }, { lng: 104.77, lat: 29.35 }])]);
    expect(await scenarioPoints([], new Map()).coordinates()).toHaveLength(0);
  });

  it('packs more rows than one slice in order, across slices', async () => {
    const many: MarkerRow[] = Array.from({ length: PACK_SLICE_ROWS * 2 + 3 }, (_, i) => ({ id: String(i), title: '', location: { lat: 28 + i / 1e6, lng: 102 + i / 1e6 }, field: 'medical', status: 'open' }));
    const coords = await scenarioPoints(many, new Map()).coordinates();
    expect(coords).toEqual(packCoordinates(many.map((row) => row.location)));
  });

  it('stops packing, with null, once its signal aborts', async () => {
    const many: MarkerRow[] = Array.from({ length: PACK_SLICE_ROWS + 1 }, (_, i) => ({ id: String(i), title: '', location: { lat: 30, lng: 104 }, field: 'medical', status: 'open' }));
    const packing = new AbortController();
    const coords = scenarioPoints(many, new Map()).coordinates(packing.signal);
    packing.abort();
    expect(await coords).toBeNull();
    const aborted = new AbortController();
    aborted.abort();
    expect(await scenarioPoints(rows, new Map()).coordinates(aborted.signal)).toBeNull();
  });
});
