import { Button, Select } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../../app/contexts';
import type { MapSelection } from './useMapSelection';

/** Props of {@link MapBreadcrumb}. */
export interface MapBreadcrumbProps {
  readonly selection: MapSelection;
}

function regionOptions(regions: readonly { code: string; name: string }[]) {
  return regions.map((region) => ({ value: region.code, label: region.name }));
}

/** 四川省 › 成都市 › 武侯区: each level a keyboard-usable, searchable choice. */
export function MapBreadcrumb({ selection }: MapBreadcrumbProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const { city, county } = selection;
  return (
    <nav className="atlas-breadcrumb" aria-label={t('map.breadcrumbLabel')}>
      <Button type={city ? 'link' : 'text'} size="small" onClick={selection.resetView} aria-current={city ? undefined : 'location'}>
        {regions.province.name}
      </Button>
      <RightOutlined aria-hidden className="atlas-breadcrumb-sep" />
      <Select
        size="small"
        className="atlas-breadcrumb-select"
        aria-label={t('map.chooseCity')}
        placeholder={t('map.chooseCity')}
        value={city?.code ?? null}
        options={regionOptions(regions.cities())}
        onChange={(code: string) => selection.goTo(code)}
        showSearch={{ optionFilterProp: 'label' }}
        popupMatchSelectWidth={false}
      />
      {city && (
        <>
          <RightOutlined aria-hidden className="atlas-breadcrumb-sep" />
          <Select
            size="small"
            className="atlas-breadcrumb-select"
            aria-label={t('map.chooseCounty')}
            placeholder={t('map.chooseCounty')}
            value={county?.code ?? null}
            options={regionOptions(regions.children(city.code))}
            onChange={(code: string) => selection.goTo(code)}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
          />
        </>
      )}
    </nav>
  );
}
