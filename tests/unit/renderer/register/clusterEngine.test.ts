import { describe, expect, it } from 'vitest';
import { createClusterWorkerHandler, packCoordinates, type ClusterResponse } from '../../../../renderer/features/register/clusterEngine';

function grid(count: number) {
  // Points spread over Chengdu's plain, a few hundred metres apart.
  return Array.from({ length: count }, (_, i) => ({ lng: 103.9 + (i % 50) * 0.004, lat: 30.5 + Math.floor(i / 50) * 0.004 }));
}

describe('clusterEngine', () => {
  it('packs coordinates as interleaved lng, lat', () => {
    expect([...packCoordinates([{ lng: 104, lat: 30 }, { lng: 105.5, lat: 31.25 }])]).toEqual([104, 30, 105.5, 31.25]);
  });

  it('clusters at province zoom, un-clusters at street zoom, and counts every point once', () => {
    const answers: ClusterResponse[] = [];
    const handle = createClusterWorkerHandler((response) => answers.push(response));
    handle({ type: 'load', generation: 1, coords: packCoordinates(grid(500)) });
    handle({ type: 'query', generation: 1, requestId: 1, bbox: [97, 26, 109, 35], zoom: 6 });
    handle({ type: 'query', generation: 1, requestId: 2, bbox: [103.9, 30.5, 104.0, 30.52], zoom: 16 });
    const [loaded, far, near] = answers;
    expect(loaded?.type).toBe('loaded');
    if (far?.type !== 'clusters' || near?.type !== 'clusters') throw new Error('expected cluster answers');
    const total = far.items.reduce((sum, item) => sum + (item.kind === 'cluster' ? item.count : 1), 0);
    expect(total).toBe(500);
    expect(far.items.some((item) => item.kind === 'cluster' && item.expansionZoom > 6)).toBe(true);
    expect(near.items.length).toBeGreaterThan(0);
    expect(near.items.every((item) => item.kind === 'point')).toBe(true);
    const indices = near.items.map((item) => (item.kind === 'point' ? item.index : -1));
    expect(new Set(indices).size).toBe(indices.length);
  });

  it('ignores a query for a point set it has not loaded (a stale generation)', () => {
    const answers: ClusterResponse[] = [];
    const handle = createClusterWorkerHandler((response) => answers.push(response));
    handle({ type: 'load', generation: 2, coords: packCoordinates(grid(10)) });
    handle({ type: 'query', generation: 1, requestId: 1, bbox: [97, 26, 109, 35], zoom: 6 });
    expect(answers.map((answer) => answer.type)).toEqual(['loaded']);
  });

  it('answers an empty list before anything is loaded and for an empty set', () => {
    const answers: ClusterResponse[] = [];
    const handle = createClusterWorkerHandler((response) => answers.push(response));
    handle({ type: 'load', generation: 1, coords: new Float64Array(0) });
    handle({ type: 'query', generation: 1, requestId: 1, bbox: [97, 26, 109, 35], zoom: 6 });
    expect(answers[1]).toMatchObject({ type: 'clusters', items: [] });
  });
});
