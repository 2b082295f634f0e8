import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../../app/contexts';

/** Props of {@link RegionSearch}. */
export interface RegionSearchProps {
  readonly onPick: (code: string) => void;
  readonly className?: string;
}

/** Type part of a name ("武侯") and jump to the region; results show the full path so 同名 regions are told apart. */
export function RegionSearch({ onPick, className }: RegionSearchProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const [query, setQuery] = useState('');
  const options = useMemo(
    () =>
      regions.search(query, 12).map((region) => ({
        value: region.code,
        label: regions
          .path(region.code)
          .map((step) => step.name)
          .join(' / '),
      })),
    [query, regions],
  );
  return (
    <Select
      className={className}
      aria-label={t('topbar.goToRegion')}
      placeholder={t('topbar.goToRegionPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
      value={null}
      options={options}
      notFoundContent={query.trim() ? t('firstRun.noMatch') : null}
      onChange={(code: string) => {
        setQuery('');
        onPick(code);
      }}
      popupMatchSelectWidth={false}
    />
  );
}
