import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { divIcon, layerGroup, marker, type LayerGroup, type Map as LeafletMap } from 'leaflet';
import Supercluster from 'supercluster';
import type { ApplicationField, ScenarioStatus } from '../../../shared/domain/vocabulary';
import { FIELD_COLORS, FIELD_GLYPHS, STATUS_COLORS } from './scenarioStyle';

/** What a marker needs of a scenario. */
export interface ScenarioPoint {
  readonly id: string;
  readonly title: string;
  readonly lat: number;
  readonly lng: number;
  readonly field: ApplicationField;
  readonly status: ScenarioStatus;
}

/** Props of {@link ScenarioMarkers}. */
export interface ScenarioMarkersProps {
  readonly points: readonly ScenarioPoint[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  /** Accessible label of a marker: title and status, e.g. "华西… · 已开放". */
  readonly describe: (point: ScenarioPoint) => string;
}

/** The performance mark set when markers are first on screen; `npm run bench` reads it. */
export const MARKERS_DRAWN_MARK = 'atlas:markers-drawn';

/** Builds the cluster index (supercluster: a KD-tree per zoom, fast enough for 100k points). */
export function buildClusterIndex(points: readonly ScenarioPoint[]): Supercluster<{ index: number }> {
  const index = new Supercluster<{ index: number }>({ radius: 60, maxZoom: 14, minPoints: 3 });
  index.load(
    points.map((point, i) => ({
      type: 'Feature' as const,
      properties: { index: i },
      geometry: { type: 'Point' as const, coordinates: [point.lng, point.lat] },
    })),
  );
  return index;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Scenario markers, clustered. Markers are drawn imperatively into one layer group on every
 * move: only what is on screen exists as DOM, so 100k scenarios stay smooth.
 */
export function ScenarioMarkers({ points, selectedId, onSelect, describe }: ScenarioMarkersProps) {
  const map = useMap();
  const index = useMemo(() => buildClusterIndex(points), [points]);
  const layerRef = useRef<LayerGroup | null>(null);
  // The redraw handler registered with Leaflet reads the latest callbacks without re-subscribing.
  const latest = useRef({ onSelect, describe, selectedId });
  useLayoutEffect(function keepLatestCallbacks() {
    latest.current = { onSelect, describe, selectedId };
  });

  useEffect(
    function drawClustersOnMove() {
      const layer = layerGroup().addTo(map);
      layerRef.current = layer;
      function redraw() {
        drawVisible(map, layer, index, points, latest.current);
      }
      redraw();
      if (points.length > 0 && performance.getEntriesByName(MARKERS_DRAWN_MARK).length === 0) {
        requestAnimationFrame(() => performance.mark(MARKERS_DRAWN_MARK));
      }
      map.on('moveend zoomend', redraw);
      return function removeClusters() {
        map.off('moveend zoomend', redraw);
        layer.remove();
        layerRef.current = null;
      };
    },
    [index, map, points],
  );

  useEffect(
    function redrawOnSelection() {
      if (layerRef.current) drawVisible(map, layerRef.current, index, points, latest.current);
    },
    [index, map, points, selectedId],
  );
  return null;
}

function drawVisible(
  map: LeafletMap,
  layer: LayerGroup,
  index: Supercluster<{ index: number }>,
  points: readonly ScenarioPoint[],
  current: { onSelect: (id: string) => void; describe: (point: ScenarioPoint) => string; selectedId: string | null },
) {
  layer.clearLayers();
  const bounds = map.getBounds().pad(0.2);
  const zoom = Math.round(map.getZoom());
  const clusters = index.getClusters([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], zoom);
  for (const feature of clusters) {
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    const properties = feature.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; index?: number };
    if (properties.cluster && properties.cluster_id !== undefined) {
      const count = properties.point_count ?? 0;
      const size = count < 100 ? 34 : count < 1000 ? 42 : 50;
      const clusterId = properties.cluster_id;
      const clusterMarker = marker([lat, lng], {
        icon: divIcon({
          className: 'scn-cluster',
          html: `<span style="width:${size}px;height:${size}px">${count}</span>`,
          iconSize: [size, size],
        }),
        title: String(count),
        keyboard: true,
      });
      clusterMarker.on('click', () => {
        map.flyTo([lat, lng], Math.min(index.getClusterExpansionZoom(clusterId), 16), { duration: 0.4 });
      });
      layer.addLayer(clusterMarker);
      continue;
    }
    const point = points[properties.index ?? -1];
    if (!point) continue;
    const isSelected = point.id === current.selectedId;
    const pin = marker([lat, lng], {
      icon: divIcon({
        className: `scn-pin scn-status-${point.status}${isSelected ? ' is-selected' : ''}`,
        html: `<span style="background:${FIELD_COLORS[point.field]};border-color:${STATUS_COLORS[point.status]}">${escapeHtml(FIELD_GLYPHS[point.field])}</span>`,
        iconSize: [26, 26],
      }),
      title: current.describe(point),
      alt: current.describe(point),
      keyboard: true,
      zIndexOffset: isSelected ? 1000 : 0,
    });
    pin.on('add', () => pin.getElement()?.setAttribute('data-scenario-id', point.id));
    pin.on('click', () => current.onSelect(point.id));
    layer.addLayer(pin);
  }
}
