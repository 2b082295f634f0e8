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

/**
 * Rows per page. antd's Table walks every row of its page whenever the row list changes (its
 * selection bookkeeping builds a map of all of them): for one page of 100k rows that was a single
 * ~230 ms task on the bench machine at every cold start, big import and filter change. Pages of
 * 1,000 rows, each scrolled virtually, keep it to a few ms.
 */
export const TABLE_PAGE_SIZE = 1000;

/** The page (from 1) of the row at `index` of the sorted rows. */
function pageOfRow(index: number): number {
  return Math.floor(index / TABLE_PAGE_SIZE) + 1;
}

/** Height of antd's small pagination bar below the table, with its margin. */
const PAGINATION_HEIGHT = 40;

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
 * The register as a virtualized table in pages of {@link TABLE_PAGE_SIZE} rows: sortable columns
 * sorted here with precomputed keys (not antd's per-comparison sorter) across all pages, the
 * selected row highlighted and brought into view (its page opened), rows focusable (Enter/Space
 * selects, ↑/↓ moves the selection, on to the next page), a lock on rows of other units.
 */
export function ScenarioTable({ rows, selectedId, onSelect, myUnitCode, height }: ScenarioTableProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const tableRef = useRef<TableRef>(null);
  const [sort, setSort] = useState<ScenarioSort | null>(null);
  // One sorter per table: its collation ranks outlive filter changes, so re-sorting stays cheap.
  const [sorter] = useState(createScenarioSorter);
  const sortedRows = useMemo(() => sorter.sort(rows, sort), [sorter, rows, sort]);
  const [wantedPage, setPage] = useState(1);
  const pageCount = Math.max(1, Math.ceil(sortedRows.length / TABLE_PAGE_SIZE));
  // A shorter row list (a filter) keeps the page where it can and shows its last page otherwise.
  const page = Math.min(wantedPage, pageCount);
  // When the selection changes (typically a click on the map), its page opens: adjusted while
  // rendering, so a new row list alone never moves the page (paging away from the selection works).
  const [pagedSelection, setPagedSelection] = useState<string | null>(null);
  // A record just saved is selected before its row arrives: its page opens when the row does.
  if (selectedId !== pagedSelection) {
    const index = selectedId === null ? -1 : sortedRows.findIndex((row) => row.id === selectedId);
    if (selectedId === null || index !== -1) setPagedSelection(selectedId);
    if (index !== -1) setPage(pageOfRow(index));
  }
  // The selection last scrolled into view.
  const scrolledRef = useRef<string | null>(null);
  // ↑/↓ moved the selection: the row it reaches takes the focus, on another page too (the row
  // that had it is gone with its page).
  const isMovingFocusRef = useRef(false);

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

  // Once its page is shown, the new selection is scrolled into view, and keeps keyboard focus when
  // the focus was in the table (↑/↓ moved the selection).
  useEffect(
    function scrollSelectionIntoView() {
      const table = tableRef.current;
      if (selectedId === null) scrolledRef.current = null;
      if (selectedId === null || !table || scrolledRef.current === selectedId) return;
      const index = sortedRows.findIndex((row) => row.id === selectedId);
      if (index !== -1 && pageOfRow(index) !== page) return; // its page is being opened
      scrolledRef.current = selectedId;
      table.scrollTo({ key: selectedId, align: 'nearest' });
      const root = table.nativeElement;
      const isMovingFocus = isMovingFocusRef.current;
      isMovingFocusRef.current = false;
      if (!isMovingFocus && !root.contains(document.activeElement)) return;
      const frame = window.requestAnimationFrame(function focusSelectedRow() {
        const row = root.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(selectedId)}"]`);
        row?.focus({ preventScroll: true });
      });
      return function cancelFocus() {
        window.cancelAnimationFrame(frame);
      };
    },
    [selectedId, page, sortedRows],
  );

  function selectNeighbour(from: Scenario, step: 1 | -1): void {
    const index = sortedRows.indexOf(from);
    const next = sortedRows[index + step];
    if (index === -1 || !next) return;
    isMovingFocusRef.current = true;
    onSelect(next.id);
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
      pagination={{
        current: page,
        pageSize: TABLE_PAGE_SIZE,
        total: sortedRows.length,
        size: 'small',
        showSizeChanger: false,
        hideOnSinglePage: true,
        onChange: setPage,
      }}
      scroll={{ x: scrollWidth, y: pageCount > 1 ? height - PAGINATION_HEIGHT : height }}
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
        // A new order starts at its first page.
        setPage(1);
        const result = (Array.isArray(sorterResult) ? sorterResult[0] : sorterResult) as
          SorterResult<Scenario> | undefined;
        const key = result?.columnKey;
        setSort(result?.order && isScenarioSortKey(key) ? { key, order: result.order } : null);
      }}
    />
  );
}
