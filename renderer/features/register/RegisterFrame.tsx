import { useRef, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useFilterRowHeight } from './useFilterRowHeight';

/** Props of {@link RegisterFrame}. */
export interface RegisterFrameProps {
  /** Filters, saved views, export and import above the map. */
  readonly filterRow?: ReactNode;
  /** The map and what floats over it (breadcrumb, tools, legend). */
  readonly mapArea: ReactNode;
  /** The table, or the loading / empty state. */
  readonly tableArea: ReactNode;
  readonly tableAreaRef?: Ref<HTMLElement>;
  /** The detail panel, or the region panel; its accessible name and language. */
  readonly panel?: ReactNode;
  readonly panelLabel: string;
  readonly panelLanguage?: string;
  /** Drawers and dialogs. */
  readonly children?: ReactNode;
}

/**
 * The register's layout: filter row, map over table, panel at the right. Shared by the first screen
 * (map only, antd-free) and the full register, so the one replaces the other without a jump.
 */
export function RegisterFrame({ filterRow, mapArea, tableArea, tableAreaRef, panel, panelLabel, panelLanguage, children }: RegisterFrameProps) {
  const { t } = useTranslation();
  const filterRowRef = useRef<HTMLDivElement>(null);
  const filterRowStyle = useFilterRowHeight(filterRowRef);
  return (
    <main className="atlas-content">
      <div className="atlas-main">
        <div className="atlas-filter-row" ref={filterRowRef} style={filterRowStyle}>
          {filterRow}
        </div>
        <main className="atlas-map-area" aria-label={t('map.label')}>
          {mapArea}
        </main>
        <section className="atlas-table-area" ref={tableAreaRef} aria-label={t('table.ariaLabel')}>
          {tableArea}
        </section>
      </div>
      <aside className="atlas-panel" aria-label={panelLabel} lang={panelLanguage}>
        {panel}
      </aside>
      {children}
    </main>
  );
}
