import { memo, useEffect, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { Button, Cascader, DatePicker, Flex, Input, Select, Typography } from 'antd';
import { ClearOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EMPTY_FILTER, type ScenarioFilter } from '../../../shared/domain/scenarioFilter';
import type { IsoDate } from '../../../shared/domain/formats';
import type { RegionCode } from '../../../shared/regions/regions';
import {
  APPLICATION_FIELDS,
  OPENING_LEVELS,
  SCENARIO_STATUSES,
  TECH_DIRECTIONS,
  keysOf,
  type ApplicationField,
  type OpeningLevel,
  type ScenarioStatus,
  type TechDirection,
} from '../../../shared/domain/vocabulary';
import { useRegions, useSettings } from '../../app/contexts';
import { regionCascaderOptions, type RegionOption } from '../onboarding/regionCascaderOptions';
import { createRegionSearchFilter } from './filterRegionSearch';
import { isFilterEmpty, MAX_SEARCH_INPUT_LENGTH } from './filterUrl';

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  readonly filter: ScenarioFilter;
  readonly onChange: (next: ScenarioFilter) => void;
  /** Live scenarios in the register. */
  readonly total: number;
  /** Scenarios matching the filter. */
  readonly shown: number;
}

/** Pause after the last keystroke before the text reaches the filter (and the URL). */
const SEARCH_DEBOUNCE_MS = 150;
const DATE_FORMAT = 'YYYY-MM-DD';

const FIELD_KEYS = keysOf(APPLICATION_FIELDS);
const DIRECTION_KEYS = keysOf(TECH_DIRECTIONS);
const LEVEL_KEYS = keysOf(OPENING_LEVELS);
const STATUS_KEYS = keysOf(SCENARIO_STATUSES);

/**
 * The compact bar above the table: free text, the facets, region drill-down, open period, clear,
 * and the count. Memoised: the register's workspace renders again on every selection, and the
 * bar's antd inputs rendered with it each time.
 */
export const FilterBar = memo(function FilterBar({ filter, onChange, total, shown }: FilterBarProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  // A company's catalog holds open scenarios only (useRegister): a status filter would only hide them.
  const showsStatus = useSettings().settings.role !== 'company';
  const regionOptions = useMemo(() => regionCascaderOptions(regions), [regions]);
  const matchesRegionSearch = useMemo(() => createRegionSearchFilter(regions), [regions]);

  const fieldOptions = useMemo(
    () => FIELD_KEYS.map((key) => ({ value: key, label: t(`vocab.fields.${key}`) })),
    [t],
  );
  const directionOptions = useMemo(
    () => DIRECTION_KEYS.map((key) => ({ value: key, label: t(`vocab.directions.${key}`) })),
    [t],
  );
  const levelOptions = useMemo(
    () => LEVEL_KEYS.map((key) => ({ value: key, label: t(`vocab.openingLevels.${key}`) })),
    [t],
  );
  const statusOptions = useMemo(
    () => STATUS_KEYS.map((key) => ({ value: key, label: t(`vocab.statuses.${key}`) })),
    [t],
  );

  const labels = {
    field: t('vocab.scenarioFields.field'),
    techDirections: t('vocab.scenarioFields.techDirections'),
    openingLevel: t('vocab.scenarioFields.openingLevel'),
    status: t('vocab.scenarioFields.status'),
    region: t('vocab.scenarioFields.regionCode'),
    openPeriod: t('table.filter.openPeriod'),
  };

  const range: [Dayjs | null, Dayjs | null] | null =
    filter.openFrom || filter.openUntil
      ? [
          filter.openFrom ? dayjs(filter.openFrom, DATE_FORMAT) : null,
          filter.openUntil ? dayjs(filter.openUntil, DATE_FORMAT) : null,
        ]
      : null;

  return (
    <Flex
      role="search"
      aria-label={t('table.filter.ariaLabel')}
      wrap
      gap={8}
      align="center"
      className="filter-bar"
    >
      <SearchInput
        text={filter.text ?? ''}
        onSearch={(text) => onChange({ ...filter, text: text === '' ? undefined : text })}
      />
      <Select<ApplicationField[]>
        mode="multiple"
        aria-label={labels.field}
        placeholder={labels.field}
        options={fieldOptions}
        value={[...filter.fields]}
        onChange={(fields) => onChange({ ...filter, fields })}
        maxTagCount="responsive"
        allowClear
        optionFilterProp="label"
        style={{ width: 200 }}
      />
      <Select<TechDirection[]>
        mode="multiple"
        aria-label={labels.techDirections}
        placeholder={labels.techDirections}
        options={directionOptions}
        value={[...filter.techDirections]}
        onChange={(techDirections) => onChange({ ...filter, techDirections })}
        maxTagCount="responsive"
        allowClear
        optionFilterProp="label"
        style={{ width: 200 }}
      />
      <Select<OpeningLevel[]>
        mode="multiple"
        aria-label={labels.openingLevel}
        placeholder={labels.openingLevel}
        options={levelOptions}
        value={[...filter.openingLevels]}
        onChange={(openingLevels) => onChange({ ...filter, openingLevels })}
        maxTagCount="responsive"
        allowClear
        style={{ width: 150 }}
      />
      {showsStatus && (
        <Select<ScenarioStatus[]>
          mode="multiple"
          aria-label={labels.status}
          placeholder={labels.status}
          options={statusOptions}
          value={[...filter.statuses]}
          onChange={(statuses) => onChange({ ...filter, statuses })}
          maxTagCount="responsive"
          allowClear
          optionFilterProp="label"
          style={{ width: 160 }}
        />
      )}
      <Cascader<RegionOption>
        aria-label={labels.region}
        placeholder={t('table.filter.regionPlaceholder')}
        options={regionOptions}
        changeOnSelect
        expandTrigger="hover"
        value={filter.regionCode ? regions.path(filter.regionCode).map((step) => step.code) : undefined}
        showSearch={{ filter: matchesRegionSearch, limit: 30 }}
        notFoundContent={t('table.filter.regionNoMatch')}
        onChange={(path) => {
          const code = path && path.length > 0 ? String(path[path.length - 1]) : undefined;
          const { regionCode: _dropped, ...rest } = filter;
          onChange(code && regions.has(code) ? { ...rest, regionCode: code as RegionCode } : rest);
        }}
        style={{ width: 220 }}
      />
      <DatePicker.RangePicker
        aria-label={labels.openPeriod}
        placeholder={[t('table.filter.openFrom'), t('table.filter.openUntil')]}
        format={DATE_FORMAT}
        allowEmpty={[true, true]}
        value={range}
        onChange={(dates) => {
          const { openFrom: _from, openUntil: _until, ...rest } = filter;
          const from = dates?.[0]?.format(DATE_FORMAT) as IsoDate | undefined;
          const until = dates?.[1]?.format(DATE_FORMAT) as IsoDate | undefined;
          onChange({ ...rest, ...(from ? { openFrom: from } : {}), ...(until ? { openUntil: until } : {}) });
        }}
        style={{ width: 250 }}
      />
      <Button
        icon={<ClearOutlined />}
        disabled={isFilterEmpty(filter)}
        onClick={() => onChange(EMPTY_FILTER)}
      >
        {t('table.filter.clear')}
      </Button>
      <Typography.Text type="secondary" aria-live="polite" style={{ marginInlineStart: 'auto' }}>
        {t('table.filter.count', { shown, total })}
      </Typography.Text>
    </Flex>
  );
});

interface SearchInputProps {
  /** The filter's text (after the debounce; changed from outside by 清除筛选, a saved view or back/forward). */
  readonly text: string;
  readonly onSearch: (text: string) => void;
}

/**
 * The free-text box: what is typed shows at once, reaches the filter 150 ms after the last
 * keystroke (or on Enter), and never while an input method is still composing — so typing "naoji"
 * for 脑机 does not search for the Latin letters.
 */
function SearchInput({ text, onSearch }: SearchInputProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(text);
  // Adopts a text set from outside during render (React's "adjust state on a prop change"), not in an effect.
  const [seenText, setSeenText] = useState(text);
  if (text !== seenText) {
    setSeenText(text);
    if (text !== draft.trim()) setDraft(text);
  }

  const timer = useRef<number | null>(null);
  const cancel = (): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  const send = (value: string): void => {
    cancel();
    onSearch(value.trim());
  };
  const schedule = (value: string): void => {
    cancel();
    timer.current = window.setTimeout(() => send(value), SEARCH_DEBOUNCE_MS);
  };
  useEffect(function cancelPendingSearchOnUnmount() {
    return function cancelPendingSearch() {
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, []);

  return (
    <Input
      aria-label={t('table.filter.search')}
      placeholder={t('table.filter.searchPlaceholder')}
      prefix={<SearchOutlined aria-hidden />}
      allowClear
      maxLength={MAX_SEARCH_INPUT_LENGTH}
      value={draft}
      onChange={(event: ChangeEvent<HTMLInputElement>) => {
        const value = event.target.value;
        setDraft(value);
        // antd's clear button sends a change that is not an input event: search at once.
        if (event.type !== 'change' && value === '') send('');
        else if (!(event.nativeEvent as InputEvent).isComposing) schedule(value);
      }}
      onCompositionEnd={(event) => schedule(event.currentTarget.value)}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter' && !event.nativeEvent.isComposing) send(event.currentTarget.value);
      }}
      style={{ width: 260 }}
    />
  );
}
