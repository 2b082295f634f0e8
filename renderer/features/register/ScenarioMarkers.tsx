import { useEffect, useLayoutEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { divIcon, layerGroup, marker, type LayerGroup, type Map as LeafletMap } from 'leaflet';
import type { ClusterItem, ClusterRequest, ClusterResponse } from './clusterEngine';
import { FIELD_COLORS, FIELD_GLYPHS, STATUS_COLORS } from './scenarioStyle';
import { stageSwatch } from './stageStyle';
import type { ScenarioPoint, ScenarioPoints } from './scenarioPoints';

/** What a marker's fill shows: the application field, or the most advanced pilot stage (issue 4 item 4). */
export type MarkerColoring = 'field' | 'stage';

/** Props of {@link ScenarioMarkers}. */
export interface ScenarioMarkersProps {
  readonly points: ScenarioPoints;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  /** Accessible label of a marker: title and status, e.g. "华西… · 已开放". */
  readonly describe: (point: ScenarioPoint) => string;
  /** Default 'field'. */
  readonly coloring?: MarkerColoring;
}

/** The performance mark set when markers are first on screen; `npm run bench` reads it. */
export const MARKERS_DRAWN_MARK = 'atlas:markers-drawn';

type LatestProps = Pick<ScenarioMarkersProps, 'points' | 'onSelect' | 'describe' | 'selectedId'> & {
  readonly coloring: MarkerColoring;
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Scenario markers, clustered in a worker (clusterWorker.ts): a new filter only sends the points'
 * coordinates there, so typing never waits for the index to rebuild. Visible clusters and markers
 * are drawn imperatively into one layer group on every answer: only what is on screen is DOM.
 */
export function ScenarioMarkers({ points, selectedId, onSelect, describe, coloring = 'field' }: ScenarioMarkersProps) {
  const map = useMap();
  const layerRef = useRef<LayerGroup | null>(null);
  const workerRef = useRef<Worker | null>(null);
  const generationRef = useRef(0);
  const requestRef = useRef(0);
  const lastItemsRef = useRef<ClusterItem[]>([]);
  // Counts drawings: a drawing in slices stops once a newer one has started.
  const drawRef = useRef(0);
  // Handlers registered once read the latest props without re-subscribing.
  const latest = useRef<LatestProps>({ points, onSelect, describe, selectedId, coloring });
  useLayoutEffect(function keepLatestProps() {
    latest.current = { points, onSelect, describe, selectedId, coloring };
  });

  useEffect(
    function startClusterWorker() {
      const layer = layerGroup().addTo(map);
      layerRef.current = layer;
      const worker = new Worker(new URL('./clusterWorker.ts', import.meta.url), { type: 'module' });
      workerRef.current = worker;

      function requestClusters() {
        const bounds = map.getBounds().pad(0.2);
        requestRef.current += 1;
        const request: ClusterRequest = {
          type: 'query',
          generation: generationRef.current,
          requestId: requestRef.current,
          bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
          zoom: map.getZoom(),
        };
        worker.postMessage(request);
      }
      worker.onmessage = function onClusterAnswer(event: MessageEvent<ClusterResponse>) {
        const answer = event.data;
        if (answer.generation !== generationRef.current) return;
        if (answer.type === 'loaded') {
          requestClusters();
          return;
        }
        if (answer.requestId !== requestRef.current) return; // a newer view was asked for meanwhile
        lastItemsRef.current = answer.items;
        drawItems(map, layer, answer.items, latest.current, drawRef, function markFirstDrawing() {
          if (
            latest.current.points.length > 0 &&
            performance.getEntriesByName(MARKERS_DRAWN_MARK).length === 0
          ) {
            requestAnimationFrame(() => performance.mark(MARKERS_DRAWN_MARK));
          }
        });
      };
      worker.onerror = (error) => console.error('[map] the clustering worker failed', error);
      map.on('moveend', requestClusters);
      return function stopClusterWorker() {
        drawRef.current += 1; // a drawing under way stops
        map.off('moveend', requestClusters);
        worker.terminate();
        workerRef.current = null;
        layer.remove();
        layerRef.current = null;
      };
    },
    [map],
  );

  useEffect(
    function sendPointsToWorker() {
      const worker = workerRef.current;
      if (!worker) return;
      // A new generation at once: answers about the old points are dropped from now on, and views
      // asked for before the new points are loaded go unanswered (the worker has not loaded them).
      generationRef.current += 1;
      const generation = generationRef.current;
      const packing = new AbortController();
      void points.coordinates(packing.signal).then((coords) => {
        if (coords === null || workerRef.current !== worker) return;
        const request: ClusterRequest = { type: 'load', generation, coords };
        worker.postMessage(request, [coords.buffer]);
      });
      return function stopPacking() {
        packing.abort();
      };
    },
    [points],
  );

  useEffect(
    function redrawOnSelection() {
      if (layerRef.current) drawItems(map, layerRef.current, lastItemsRef.current, latest.current, drawRef);
    },
    [map, selectedId, coloring],
  );

  return null;
}

/**
 * Longest slice of marker drawing, in ms. Each marker is a Leaflet marker with its own element
 * (~0.4 ms each on the bench machine): the few hundred clusters and pins of a 100k register took a
 * ~190 ms task in one go, so they are added in slices with the page free in between.
 */
const DRAW_SLICE_MS = 30;

/**
 * Draws the visible clusters and markers (only what is on screen exists as DOM), in slices of
 * {@link DRAW_SLICE_MS}, with the props it was started with (the items index those points); a newer
 * drawing (counted in `drawRef`) stops this one. `onDrawn` runs once all are on the map.
 */
function drawItems(map: LeafletMap, layer: LayerGroup, items: readonly ClusterItem[], latest: LatestProps, drawRef: { current: number }, onDrawn?: () => void) {
  drawRef.current += 1;
  const drawing = drawRef.current;
  layer.clearLayers();
  let next = 0;
  (function drawSlice() {
    if (drawRef.current !== drawing) return;
    const start = performance.now();
    while (next < items.length && (next === 0 || performance.now() - start < DRAW_SLICE_MS)) {
      drawItem(map, layer, items[next] as ClusterItem, latest);
      next += 1;
    }
    if (next < items.length) setTimeout(drawSlice, 0);
    else onDrawn?.();
  })();
}

/** Adds one cluster or pin to the layer. */
function drawItem(map: LeafletMap, layer: LayerGroup, item: ClusterItem, latest: LatestProps) {
  const { points: current, onSelect: select, describe: label, selectedId: selected, coloring } = latest;
  if (item.kind === 'cluster') {
    const size = item.count < 100 ? 34 : item.count < 1000 ? 42 : 50;
    const clusterMarker = marker([item.lat, item.lng], {
      icon: divIcon({
        className: 'scn-cluster',
        html: `<span style="width:${size}px;height:${size}px">${item.count}</span>`,
        iconSize: [size, size],
      }),
      title: String(item.count),
      keyboard: true,
    });
    clusterMarker.on('click', () =>
      map.flyTo([item.lat, item.lng], Math.min(item.expansionZoom, 16), { duration: 0.4 }),
    );
    layer.addLayer(clusterMarker);
    return;
  }
  const point = current.at(item.index);
  if (!point) return;
  const isSelected = point.id === selected;
  const text = label(point);
  const pin = marker([item.lat, item.lng], {
    icon: divIcon({
      className: `scn-pin scn-status-${point.status}${isSelected ? ' is-selected' : ''}`,
      html: pinHtml(point, coloring),
      iconSize: [26, 26],
    }),
    title: text,
    alt: text,
    keyboard: true,
    zIndexOffset: isSelected ? 1000 : 0,
  });
  pin.on('add', () => pin.getElement()?.setAttribute('data-scenario-id', point.id));
  pin.on('click', () => select(point.id));
  layer.addLayer(pin);
}

function pinHtml(point: ScenarioPoint, coloring: MarkerColoring): string {
  const glyph = escapeHtml(FIELD_GLYPHS[point.field]);
  if (coloring === 'stage') {
    const swatch = stageSwatch(point.stage);
    return `<span data-stage="${point.stage ?? 'none'}" style="background:${swatch.fill};color:${swatch.ink};border-color:${STATUS_COLORS[point.status]}">${glyph}</span>`;
  }
  return `<span style="background:${FIELD_COLORS[point.field]};border-color:${STATUS_COLORS[point.status]}">${glyph}</span>`;
}
