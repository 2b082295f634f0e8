import Supercluster, { type PointFeature } from 'supercluster';

/**
 * The clustering of the scenario markers, as plain data in and out, so it runs in a worker
 * (clusterWorker.ts) and in unit tests alike. Building the index for 100k points takes hundreds of
 * milliseconds; in a worker it never blocks typing in the filter bar.
 */

/** A visible item: a cluster (count > 1, with the zoom that splits it) or one point (its index in the loaded array). */
export type ClusterItem =
  | { readonly kind: 'cluster'; readonly lng: number; readonly lat: number; readonly count: number; readonly expansionZoom: number }
  | { readonly kind: 'point'; readonly lng: number; readonly lat: number; readonly index: number };

/** The supercluster settings used for the map (and by the benchmark). */
export const CLUSTER_OPTIONS = { radius: 60, maxZoom: 14, minPoints: 3 } as const;

/** Interleaved [lng0, lat0, lng1, lat1, …]: transferable to the worker without copying. */
export function packCoordinates(points: readonly { readonly lng: number; readonly lat: number }[]): Float64Array {
  const coords = new Float64Array(points.length * 2);
  for (let i = 0; i < points.length; i += 1) {
    const point = points[i] as { lng: number; lat: number };
    coords[i * 2] = point.lng;
    coords[i * 2 + 1] = point.lat;
  }
  return coords;
}

/** Loads packed coordinates and answers viewport queries. */
export interface ClusterEngine {
  load(coords: Float64Array): void;
  query(bbox: readonly [west: number, south: number, east: number, north: number], zoom: number): ClusterItem[];
}

/** A clustering engine over supercluster. */
export function createClusterEngine(): ClusterEngine {
  let index: Supercluster<{ i: number }> | null = null;
  return {
    load(coords) {
      const features = new Array<PointFeature<{ i: number }>>(coords.length / 2);
      for (let i = 0; i < features.length; i += 1) {
        features[i] = { type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [coords[i * 2] as number, coords[i * 2 + 1] as number] } };
      }
      index = new Supercluster<{ i: number }>(CLUSTER_OPTIONS).load(features);
    },
    query(bbox, zoom) {
      if (!index) return [];
      const engine = index;
      return engine.getClusters([...bbox], Math.round(zoom)).map((feature): ClusterItem => {
        const [lng, lat] = feature.geometry.coordinates as [number, number];
        const properties = feature.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; i?: number };
        if (properties.cluster && properties.cluster_id !== undefined) {
          return { kind: 'cluster', lng, lat, count: properties.point_count ?? 0, expansionZoom: engine.getClusterExpansionZoom(properties.cluster_id) };
        }
        return { kind: 'point', lng, lat, index: properties.i ?? -1 };
      });
    },
  };
}

/** Messages to the worker. `generation` names one loaded point set; answers for an older one are dropped. */
export type ClusterRequest =
  | { readonly type: 'load'; readonly generation: number; readonly coords: Float64Array }
  | { readonly type: 'query'; readonly generation: number; readonly requestId: number; readonly bbox: [number, number, number, number]; readonly zoom: number };

/** Messages from the worker. */
export type ClusterResponse =
  | { readonly type: 'loaded'; readonly generation: number; readonly buildMs: number }
  | { readonly type: 'clusters'; readonly generation: number; readonly requestId: number; readonly items: ClusterItem[] };

/** The worker's message handler, separate from the worker global so tests can drive it. */
export function createClusterWorkerHandler(post: (response: ClusterResponse) => void): (request: ClusterRequest) => void {
  const engine = createClusterEngine();
  let loaded = -1;
  return function handle(request) {
    if (request.type === 'load') {
      const start = performance.now();
      engine.load(request.coords);
      loaded = request.generation;
      post({ type: 'loaded', generation: request.generation, buildMs: performance.now() - start });
      return;
    }
    if (request.generation !== loaded) return;
    post({ type: 'clusters', generation: loaded, requestId: request.requestId, items: engine.query(request.bbox, request.zoom) });
  };
}
