import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/settings/settings';
import { AtlasMap } from '../features/map/AtlasMap';
import type { MapSelection } from '../features/map/useMapSelection';
import { RegisterFrame } from '../features/register/RegisterFrame';
import { Brand } from './Brand';
import { LoadingStatus } from './LoadingStatus';

/** Props of {@link FirstScreen}. */
export interface FirstScreenProps {
  /** The map's drill-down state; the workspace takes it over, so a click on the map here is kept. */
  readonly selection: MapSelection;
  readonly settings: Settings;
}

/**
 * What a cold start shows first: the top bar's title and the map of Sichuan in the register's
 * layout. It imports no antd (issue 3: first map paint ≤ 1500 ms), so the start-up bundle is React,
 * Leaflet and the region data; the full workspace replaces it a moment later in the same layout.
 */
export function FirstScreen({ selection, settings }: FirstScreenProps) {
  const { t } = useTranslation();
  return (
    <div className="atlas-layout">
      <header className="atlas-topbar">
        <Brand />
      </header>
      <RegisterFrame
        mapArea={
          <AtlasMap
            selection={selection}
            basemap={settings.basemap}
            tiandituKey={settings.tiandituKey}
            myUnitCode={settings.unitCode}
          />
        }
        tableArea={<LoadingStatus label={t('register.loadingRegister')} />}
        panelLabel={t('region.panelTitle')}
      />
    </div>
  );
}
