import { Checkbox, Segmented, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPLICATION_FIELDS } from '../../../shared/domain/vocabulary';
import { STAGES_BY_ADVANCEMENT } from '../../../shared/partners/pilotMap';
import { choroplethLegend } from '../map/choropleth';
import { FIELD_COLORS, FIELD_GLYPHS } from './scenarioStyle';
import { NO_PILOT_SWATCH, STAGE_SWATCHES } from './stageStyle';

/** How scenarios are drawn: one marker each coloured by field or by most advanced pilot stage (clustered), or regions filled by their count. */
export type MapMode = 'markers' | 'stage' | 'choropleth';

/** Props of {@link MapLegend}. */
export interface MapLegendProps {
  readonly mode: MapMode;
  readonly onModeChange: (mode: MapMode) => void;
  /** Largest count shown, for the choropleth scale. */
  readonly maxCount: number;
  /** The "open for partners" filter (已开放 with a free slot); omitted hides the switch. */
  readonly isOpenForPartners?: boolean;
  readonly onOpenForPartnersChange?: (isOn: boolean) => void;
}

/** The map's mode switch, the "open for partners" filter and the legend of the mode. */
export function MapLegend({ mode, onModeChange, maxCount, isOpenForPartners, onOpenForPartnersChange }: MapLegendProps) {
  const { t } = useTranslation();
  return (
    <div className="atlas-legend" role="group" aria-label={t('register.mapMode')}>
      <Segmented<MapMode>
        size="small"
        value={mode}
        onChange={onModeChange}
        options={[
          { value: 'markers', label: t('register.modeMarkers') },
          { value: 'stage', label: t('pilotMap.modeStage') },
          { value: 'choropleth', label: t('register.modeChoropleth') },
        ]}
      />
      {onOpenForPartnersChange && (
        <div className="atlas-legend-filter">
          {/* To the left: above, it would cover the mode buttons. */}
          <Tooltip title={t('pilotMap.openForPartnersHint')} placement="left">
            <Checkbox
              checked={isOpenForPartners ?? false}
              onChange={(event) => onOpenForPartnersChange(event.target.checked)}
            >
              {t('pilotMap.openForPartners')}
            </Checkbox>
          </Tooltip>
        </div>
      )}
      {mode === 'markers' && (
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
      )}
      {mode === 'stage' && (
        <ul className="atlas-legend-list" aria-label={t('pilotMap.legendStages')}>
          {[...STAGES_BY_ADVANCEMENT].reverse().map((stage) => (
            <li key={stage}>
              <span className="atlas-legend-swatch" style={{ background: STAGE_SWATCHES[stage].fill }} />
              {t(`vocab.stages.${stage}`)}
            </li>
          ))}
          <li>
            <span className="atlas-legend-swatch" style={{ background: NO_PILOT_SWATCH.fill }} />
            {t('pilotMap.noPilot')}
          </li>
        </ul>
      )}
      {mode === 'choropleth' && (
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
