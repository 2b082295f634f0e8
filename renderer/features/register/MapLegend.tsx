import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPLICATION_FIELDS } from '../../../shared/domain/vocabulary';
import { choroplethLegend } from '../map/choropleth';
import { FIELD_COLORS, FIELD_GLYPHS } from './scenarioStyle';

/** How scenarios are drawn: one marker each (clustered), or regions filled by their count. */
export type MapMode = 'markers' | 'choropleth';

/** Props of {@link MapLegend}. */
export interface MapLegendProps {
  readonly mode: MapMode;
  readonly onModeChange: (mode: MapMode) => void;
  /** Largest count shown, for the choropleth scale. */
  readonly maxCount: number;
}

/** The map's mode switch and its legend (field colours and glyphs, or the count scale). */
export function MapLegend({ mode, onModeChange, maxCount }: MapLegendProps) {
  const { t } = useTranslation();
  return (
    <div className="atlas-legend" role="group" aria-label={t('register.mapMode')}>
      <Segmented<MapMode>
        size="small"
        value={mode}
        onChange={onModeChange}
        options={[
          { value: 'markers', label: t('register.modeMarkers') },
          { value: 'choropleth', label: t('register.modeChoropleth') },
        ]}
      />
      {mode === 'markers' ? (
        <ul className="atlas-legend-list" aria-label={t('register.legendFields')}>
          {APPLICATION_FIELDS.map((field) => (
            <li key={field.key}>
              <span className="atlas-legend-swatch" style={{ background: FIELD_COLORS[field.key] }}>
                {FIELD_GLYPHS[field.key]}
              </span>
              {t(`vocab.fields.${field.key}`)}
            </li>
          ))}
        </ul>
      ) : (
        <ul className="atlas-legend-list" aria-label={t('register.legendCount')}>
          {choroplethLegend(maxCount).map(([lower, color]) => (
            <li key={lower}>
              <span className="atlas-legend-swatch" style={{ background: color }} />≥ {lower}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
