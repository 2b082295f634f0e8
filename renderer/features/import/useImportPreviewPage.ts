import { useEffect, useState } from 'react';
import type { CheckedImport } from './importCheck';
import type { ImportPreviewRow, PreviewFilter } from './importProtocol';

/** Rows a page of the import preview shows. */
export const PREVIEW_PAGE_SIZE = 20;

/** A page of the preview as the table shows it; `isLoading` while the worker's answer is awaited. */
export interface ImportPreviewPage {
  readonly rows: readonly ImportPreviewRow[];
  readonly total: number;
  readonly isLoading: boolean;
  /** Why the page could not be read (the worker stopped), or null. */
  readonly error: string | null;
}

/**
 * Reads page `page` (1-based) of the preview from the import worker, which keeps the plan (issue 5:
 * the page holds only the rows it shows). The last page stays shown while the next one is read.
 */
export function useImportPreviewPage(plan: CheckedImport | null, filter: PreviewFilter, page: number): ImportPreviewPage {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(
    function readPreviewPage() {
      if (!plan) return undefined;
      let isCurrent = true;
      plan.page(filter, (page - 1) * PREVIEW_PAGE_SIZE, PREVIEW_PAGE_SIZE).then(
        ({ rows, total }) => {
          if (isCurrent) setLoaded({ plan, filter, page, rows, total, error: null });
        },
        (cause: unknown) => {
          // A closed plan (the import ended or was cancelled) rejects: nothing is shown any more.
          if (!isCurrent) return;
          console.error('[import] reading the preview failed', cause);
          setLoaded({ plan, filter, page, rows: [], total: 0, error: cause instanceof Error ? cause.message : String(cause) });
        },
      );
      return function dropPreviewPage() {
        isCurrent = false;
      };
    },
    [filter, page, plan],
  );

  const isLoading = loaded === null || loaded.plan !== plan || loaded.filter !== filter || loaded.page !== page;
  return { rows: loaded?.rows ?? [], total: loaded?.total ?? 0, isLoading, error: loaded?.error ?? null };
}

/** The page last read, and what it was read for. */
interface Loaded {
  readonly plan: CheckedImport;
  readonly filter: PreviewFilter;
  readonly page: number;
  readonly rows: readonly ImportPreviewRow[];
  readonly total: number;
  readonly error: string | null;
}
