import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Empty, Table, Tag, Tooltip, type TableProps } from 'antd';
import type { TableRef } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canEditScenario, type Scenario } from '../../../shared/domain/scenario';
import { useRegions } from '../../app/contexts';
import { createScenarioSorter, type ScenarioSort, type ScenarioSortKey } from './scenarioSort';
import { FIELD_COLORS, STATUS_COLORS } from './scenarioStyle';

/** Props of {@link ScenarioTable}. */
export interface ScenarioTableProps {
  /** The filtered scenarios, in register order; the table sorts them itself. */
  readonly rows: readonly Scenario[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  /** This installation's unit: rows of other units show a lock (read-only). */
  readonly myUnitCode: string | null;
  /** Height of the scrolling body in pixels. */
  readonly height: number;
}

const ROW_KEY = 'id';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** e.g. 2026-03-06 14:05, whatever the UI language (one format for screens and spreadsheets). */
function formatDateTime(ms: number): string {
  const parts = Object.fromEntries(dateTime.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''} ${parts.hour ?? ''}:${parts.minute ?? ''}`;
}

function isScenarioSortKey(key: unknown): key is ScenarioSortKey {
  return typeof key === 'string' && SORTABLE.has(key);
}
const SORTABLE = new Set<string>([
  'catalogNumber',
  'title',
  'field',
  'openingLevel',
  'regionCode',
  'ownerUnit',
  'status',
  'partnerSlots',
  'openPeriod',
  'updatedAt',
] satisfies ScenarioSortKey[]);

/**
 * The register as a virtualized table (100k rows scroll smoothly): sortable columns sorted here
 * with precomputed keys (not antd's per-comparison sorter), the selected row highlighted and
 * scrolled into view, rows focusable (Enter/Space selects, ↑/↓ moves the selection), a lock on
 * rows of other units.
 */
export function ScenarioTable({ rows, selectedId, onSelect, myUnitCode, height }: ScenarioTableProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const tableRef = useRef<TableRef>(null);
  const [sort, setSort] = useState<ScenarioSort | null>(null);
  // One sorter per table: its collation ranks outlive filter changes, so re-sorting stays cheap.
  const [sorter] = useState(createScenarioSorter);
  const sortedRows = useMemo(() => sorter.sort(rows, sort), [sorter, rows, sort]);

  const columns = useMemo<TableProps<Scenario>['columns']>(() => {
    const label = (field: string): string => t(`vocab.scenarioFields.${field}`);
    const sortOrderOf = (key: ScenarioSortKey) => (sort?.key === key ? sort.order : null);
    const sortable = (key: ScenarioSortKey) => ({ key, sorter: true, sortOrder: sortOrderOf(key) });
    return [
      {
        ...sortable('catalogNumber'),
        title: label('catalogNumber'),
        dataIndex: 'catalogNumber',
        width: 150,
        fixed: 'left',
      },
      {
        ...sortable('title'),
        title: label('title'),
        dataIndex: 'title',
        width: 320,
        ellipsis: { showTitle: true },
        render: (title: string, scenario) =>
          canEditScenario(scenario, myUnitCode) ? (
            title
          ) : (
            <>
              <Tooltip title={t('table.readOnly')}>
                <LockOutlined
                  aria-label={t('table.readOnly')}
                  role="img"
                  style={{ marginInlineEnd: 6, color: 'rgba(0,0,0,0.45)' }}
                />
              </Tooltip>
              {title}
            </>
          ),
      },
      {
        ...sortable('field'),
        title: label('field'),
        dataIndex: 'field',
        width: 150,
        render: (field: Scenario['field']) => (
          <Tag color={FIELD_COLORS[field]} variant="solid">
            {t(`vocab.fields.${field}`)}
          </Tag>
        ),
      },
      {
        ...sortable('openingLevel'),
        title: label('openingLevel'),
        dataIndex: 'openingLevel',
        width: 100,
        render: (level: Scenario['openingLevel']) => t(`vocab.openingLevels.${level}`),
      },
      {
        ...sortable('regionCode'),
        title: label('regionCode'),
        dataIndex: 'regionCode',
        width: 130,
        ellipsis: true,
        render: (code: string) => regions.get(code)?.name ?? code,
      },
      {
        ...sortable('ownerUnit'),
        title: label('ownerUnit'),
        dataIndex: 'ownerUnit',
        width: 220,
        ellipsis: { showTitle: true },
      },
      {
        ...sortable('status'),
        title: label('status'),
        dataIndex: 'status',
        width: 100,
        render: (status: Scenario['status']) => (
          <Tag color={STATUS_COLORS[status]} variant="solid">
            {t(`vocab.statuses.${status}`)}
          </Tag>
        ),
      },
      {
        ...sortable('partnerSlots'),
        title: label('partnerSlots'),
        dataIndex: 'partnerSlots',
        width: 100,
        align: 'right',
      },
      {
        ...sortable('openPeriod'),
        title: t('table.columns.openPeriod'),
        width: 210,
        render: (_: unknown, scenario) =>
          scenario.openFrom === null && scenario.openUntil === null
            ? t('table.notSet')
            : `${scenario.openFrom ?? '…'} ~ ${scenario.openUntil ?? t('table.openEnded')}`,
      },
      {
        ...sortable('updatedAt'),
        title: label('updatedAt'),
        dataIndex: 'updatedAt',
        width: 150,
        render: (ms: number) => formatDateTime(ms),
      },
    ];
  }, [t, sort, myUnitCode, regions]);

  const scrollWidth = useMemo(
    () => (columns ?? []).reduce((sum, column) => sum + (Number(column.width) || 0), 0),
    [columns],
  );

  // Scroll the selection into view when it changes (typically a click on the map), and keep
  // keyboard focus on it when the focus was in the table (↑/↓ moved the selection).
  useEffect(
    function scrollSelectionIntoView() {
      const table = tableRef.current;
      if (selectedId === null || !table) return;
      table.scrollTo({ key: selectedId, align: 'nearest' });
      const root = table.nativeElement;
      if (!root.contains(document.activeElement)) return;
      const frame = window.requestAnimationFrame(function focusSelectedRow() {
        const row = root.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(selectedId)}"]`);
        row?.focus({ preventScroll: true });
      });
      return function cancelFocus() {
        window.cancelAnimationFrame(frame);
      };
    },
    [selectedId],
  );

  function selectNeighbour(from: Scenario, step: 1 | -1): void {
    const index = sortedRows.indexOf(from);
    const next = sortedRows[index + step];
    if (index !== -1 && next) onSelect(next.id);
  }

  return (
    <Table<Scenario>
      ref={tableRef}
      aria-label={t('table.ariaLabel')}
      virtual
      size="small"
      rowKey={ROW_KEY}
      columns={columns}
      dataSource={sortedRows as Scenario[]}
      pagination={false}
      scroll={{ x: scrollWidth, y: height }}
      showSorterTooltip={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('table.empty')} /> }}
      rowClassName={(scenario) =>
        scenario.id === selectedId ? 'ant-table-row-selected scenario-row-selected' : ''
      }
      onRow={(scenario) => ({
        tabIndex: 0,
        'aria-selected': scenario.id === selectedId,
        style: { cursor: 'pointer' },
        onClick: () => onSelect(scenario.id),
        onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
          if (event.target !== event.currentTarget) return;
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onSelect(scenario.id);
          } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            selectNeighbour(scenario, event.key === 'ArrowDown' ? 1 : -1);
          }
        },
      })}
      onChange={(_pagination, _filters, sorterResult, extra) => {
        if (extra.action !== 'sort') return;
        const result = (Array.isArray(sorterResult) ? sorterResult[0] : sorterResult) as
          SorterResult<Scenario> | undefined;
        const key = result?.columnKey;
        setSort(result?.order && isScenarioSortKey(key) ? { key, order: result.order } : null);
      }}
    />
  );
}
