import { useEffect, useId, useMemo } from 'react';
import { Button, InputNumber, Space, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { GeoJSON, MapContainer, Marker, useMap, useMapEvents } from 'react-leaflet';
import { divIcon, type LatLngBoundsExpression, type LeafletEventHandlerFnMap, type Marker as LeafletMarker } from 'leaflet';
import { useTranslation } from 'react-i18next';
import { regionDefaultLocation, type GeoPoint } from '../../../shared/domain/scenario';
import type { Region } from '../../../shared/regions/regions';
import { regionBounds, regionFeature } from '../map/geo';
import { roundPoint } from './formValues';

/** Props of {@link LocationPicker}. */
export interface LocationPickerProps {
  /** The chosen region: its boundary is drawn and fitted; null draws none. */
  readonly region: Region | null;
  readonly value: GeoPoint;
  /** False while `value` is still the region's centre default. */
  readonly isPlaced: boolean;
  /** A new location (rounded to 5 decimals); `isPlaced` is true for every pick by the user. */
  readonly onChange: (value: GeoPoint, isPlaced: boolean) => void;
}

const MAP_HEIGHT = 300;
const FIT_PADDING: [number, number] = [12, 12];
const COORDINATE_STEP = 0.0001;

/** A pin drawn with inline SVG: Leaflet's default marker images do not resolve in the Vite build. */
function pinIcon(color: string) {
  return divIcon({
    className: 'location-picker-pin',
    html: `<svg width="28" height="40" viewBox="0 0 28 40" aria-hidden="true"><path d="M14 1C7 1 1.5 6.4 1.5 13.3 1.5 22.6 14 39 14 39s12.5-16.4 12.5-25.7C26.5 6.4 21 1 14 1z" fill="${color}" stroke="#fff" stroke-width="2"/><circle cx="14" cy="13.5" r="4.5" fill="#fff"/></svg>`,
    iconSize: [28, 40],
    iconAnchor: [14, 39],
  });
}
const PLACED_ICON = pinIcon('#0f6b8f');
const DEFAULT_ICON = pinIcon('#8c8c8c');

/** Half a degree around a point: the view when no region is chosen. */
function boxAround(point: GeoPoint): LatLngBoundsExpression {
  return [
    [point.lat - 0.5, point.lng - 0.5],
    [point.lat + 0.5, point.lng + 0.5],
  ];
}

const boundaryStyle = { color: '#0b3d55', weight: 2, fillColor: '#0f6b8f', fillOpacity: 0.06 };

/**
 * A small offline map to set a scenario's location: the region's boundary, a draggable marker,
 * click to move it, and the coordinates as two number inputs for keyboard users.
 */
export function LocationPicker({ region, value, isPlaced, onChange }: LocationPickerProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const latId = `${inputId}-lat`;
  const lngId = `${inputId}-lng`;

  function place(point: GeoPoint) {
    onChange(roundPoint(point), true);
  }

  // The initial view only: later region changes are fitted by <FitToRegion>.
  const initialBounds: LatLngBoundsExpression = region ? regionBounds(region) : boxAround(value);

  return (
    <div className="location-picker">
      <div data-testid="location-picker" style={{ height: MAP_HEIGHT, borderRadius: 6, overflow: 'hidden', border: '1px solid #d9d9d9' }}>
        <MapContainer
          style={{ height: '100%', background: '#f7f4ea' }}
          bounds={initialBounds}
          boundsOptions={{ padding: FIT_PADDING }}
          minZoom={5}
          maxZoom={17}
          zoomSnap={0.25}
          scrollWheelZoom={false}
          attributionControl={false}
          keyboard
        >
          {region && <RegionBoundary key={region.code} region={region} />}
          <FitToRegion region={region} />
          <ClickToPlace onPlace={place} />
          <KeepPointInView point={value} />
          <WatchContainerSize region={region} />
          <LabelContainer label={t('form.location.mapLabel')} />
          <DraggableMarker point={value} isPlaced={isPlaced} title={t('form.location.markerLabel')} onPlace={place} />
        </MapContainer>
      </div>
      <Space wrap size="middle" style={{ marginTop: 8, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap size="small">
          <label htmlFor={latId}>{t('form.location.lat')}</label>
          <InputNumber
            id={latId}
            value={value.lat}
            min={-90}
            max={90}
            step={COORDINATE_STEP}
            precision={5}
            style={{ width: 130 }}
            onChange={(lat) => {
              if (typeof lat === 'number') place({ lat, lng: value.lng });
            }}
          />
          <label htmlFor={lngId}>{t('form.location.lng')}</label>
          <InputNumber
            id={lngId}
            value={value.lng}
            min={-180}
            max={180}
            step={COORDINATE_STEP}
            precision={5}
            style={{ width: 130 }}
            onChange={(lng) => {
              if (typeof lng === 'number') place({ lat: value.lat, lng });
            }}
          />
        </Space>
        {isPlaced && region && (
          <Button
            size="small"
            icon={<AimOutlined />}
            onClick={() => {
              const { location, isPlaced: isCentrePlaced } = regionDefaultLocation(region);
              onChange(roundPoint(location), isCentrePlaced);
            }}
          >
            {t('form.location.resetToCenter')}
          </Button>
        )}
      </Space>
      <Typography.Text type={isPlaced ? 'secondary' : 'warning'} style={{ display: 'block', marginTop: 4 }} role="status">
        <EnvironmentOutlined /> {isPlaced ? t('form.location.placed') : t('form.location.notPlaced')} · {t('form.location.howTo')}
      </Typography.Text>
    </div>
  );
}

function RegionBoundary({ region }: { readonly region: Region }) {
  // <GeoJSON> reads its data once, so the parent keys this component by region code.
  const feature = useMemo(() => regionFeature(region), [region]);
  return <GeoJSON data={feature} style={boundaryStyle} interactive={false} />;
}

function FitToRegion({ region }: { readonly region: Region | null }) {
  const map = useMap();
  useEffect(
    function fitToChosenRegion() {
      // Not animated: <KeepPointInView> reads the new bounds right after this effect.
      if (region) map.fitBounds(regionBounds(region), { padding: FIT_PADDING, animate: false });
    },
    [map, region],
  );
  return null;
}

function ClickToPlace({ onPlace }: { readonly onPlace: (point: GeoPoint) => void }) {
  const handlers = useMemo<LeafletEventHandlerFnMap>(
    () => ({
      click(event) {
        onPlace({ lat: event.latlng.lat, lng: event.latlng.lng });
      },
    }),
    [onPlace],
  );
  useMapEvents(handlers);
  return null;
}

/** Typed coordinates may land off screen; pan there so the marker stays visible. */
function KeepPointInView({ point }: { readonly point: GeoPoint }) {
  const map = useMap();
  const { lat, lng } = point;
  useEffect(
    function panToPointWhenOutside() {
      if (map.getSize().x === 0) return;
      if (!map.getBounds().contains([lat, lng])) map.panTo([lat, lng]);
    },
    [map, lat, lng],
  );
  return null;
}

/**
 * The drawer may lay the map out after Leaflet measured it (size 0 while hidden or animating);
 * re-measure on every resize and fit the region again if the first fit was done blind.
 */
function WatchContainerSize({ region }: { readonly region: Region | null }) {
  const map = useMap();
  useEffect(
    function invalidateSizeOnResize() {
      const container = map.getContainer();
      let wasEmpty = container.clientWidth === 0 || container.clientHeight === 0;
      const observer = new ResizeObserver(function onResize() {
        map.invalidateSize();
        const isEmpty = container.clientWidth === 0 || container.clientHeight === 0;
        if (wasEmpty && !isEmpty && region) map.fitBounds(regionBounds(region), { padding: FIT_PADDING, animate: false });
        wasEmpty = isEmpty;
      });
      observer.observe(container);
      return function stopWatchingSize() {
        observer.disconnect();
      };
    },
    [map, region],
  );
  return null;
}

/** Leaflet makes the map container focusable (keyboard panning); give it a name for screen readers. */
function LabelContainer({ label }: { readonly label: string }) {
  const map = useMap();
  useEffect(
    function labelMapContainer() {
      const container = map.getContainer();
      container.setAttribute('aria-label', label);
      container.setAttribute('role', 'application');
      return function unlabelMapContainer() {
        container.removeAttribute('aria-label');
        container.removeAttribute('role');
      };
    },
    [map, label],
  );
  return null;
}

interface DraggableMarkerProps {
  readonly point: GeoPoint;
  readonly isPlaced: boolean;
  readonly title: string;
  readonly onPlace: (point: GeoPoint) => void;
}

function DraggableMarker({ point, isPlaced, title, onPlace }: DraggableMarkerProps) {
  const handlers = useMemo<LeafletEventHandlerFnMap>(
    () => ({
      dragend(event) {
        const { lat, lng } = (event.target as LeafletMarker).getLatLng();
        onPlace({ lat, lng });
      },
    }),
    [onPlace],
  );
  return (
    <Marker
      position={[point.lat, point.lng]}
      draggable
      autoPan
      icon={isPlaced ? PLACED_ICON : DEFAULT_ICON}
      title={title}
      eventHandlers={handlers}
    />
  );
}
