import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { failureMessage, localize } from '../../../shared/domain/localizedText';
import type { UnknownKey } from '../../../shared/exchange/package';
import type { ExchangePhase, ExchangeProgress } from '../../db/exchangeProgress';
import type { ImportPreview, OpenResult } from '../../db/exchangeRepository';
import { ExchangeProgressBar } from './ExchangeProgressBar';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { TrustKeysDialog } from './TrustKeysDialog';
import type { ExchangeActions } from './useExchangeActions';

/** Props of {@link ImportCard}. */
export interface ImportCardProps {
  readonly actions: ExchangeActions;
  /** Company mode: the card imports catalogs only. */
  readonly isCatalogOnly: boolean;
}

type ImportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'reading'; readonly fileName: string }
  | { readonly phase: 'refused'; readonly fileName: string; readonly message: string }
  | { readonly phase: 'trust'; readonly fileName: string; readonly bytes: Uint8Array; readonly keys: readonly UnknownKey[] }
  | { readonly phase: 'preview' | 'applying'; readonly fileName: string; readonly preview: ImportPreview }
  | { readonly phase: 'done'; readonly fileName: string; readonly message: string; readonly isWarning: boolean };

/** 导入交换包: choose a file, confirm unknown keys, read the preview, import in one transaction. */
export function ImportCard({ actions, isCatalogOnly }: ImportCardProps) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const run = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<{ readonly phase: ExchangePhase; readonly percent: number }>({ phase: 'read', percent: 0 });

  useEffect(function cancelRunOnUnmount() {
    return function abortImportRun() {
      run.current?.abort();
    };
  }, []);

  /** A fresh progress sink and abort signal for one verification or import. */
  function startRun(first: ExchangePhase): ExchangeProgress {
    run.current?.abort();
    const controller = new AbortController();
    run.current = controller;
    setProgress({ phase: first, percent: 0 });
    return {
      signal: controller.signal,
      onProgress: (phase, done, total) => {
        if (run.current === controller) setProgress({ phase, percent: total > 0 ? Math.floor((done * 100) / total) : 0 });
      },
    };
  }

  function cancelRun() {
    run.current?.abort();
  }

  function show(fileName: string, bytes: Uint8Array, result: OpenResult | null) {
    if (result === null) return setState({ phase: 'idle' });
    if (result.status === 'refused' && result.failure.error === 'cancelled') {
      void message.info(t('exchange.import.cancelledRun'));
      return setState({ phase: 'idle' });
    }
    if (result.status === 'needs-trust') return setState({ phase: 'trust', fileName, bytes, keys: result.keys });
    if (result.status === 'refused') return setState({ phase: 'refused', fileName, message: localize(result.failure.text, i18n.language) });
    return setState({ phase: 'preview', fileName, preview: result.preview });
  }

  async function read(file: File) {
    setState({ phase: 'reading', fileName: file.name });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      show(file.name, bytes, await actions.open(bytes, startRun('read')));
    } catch (error) {
      console.error('[exchange] reading the package failed', error);
      setState({ phase: 'refused', fileName: file.name, message: error instanceof Error ? error.message : String(error) });
    }
  }

  async function trust(current: Extract<ImportState, { phase: 'trust' }>) {
    setState({ phase: 'reading', fileName: current.fileName });
    show(current.fileName, current.bytes, await actions.trustAndOpen(current.keys, current.bytes, startRun('read')));
  }

  async function apply(current: Extract<ImportState, { readonly preview: ImportPreview }>) {
    setState({ ...current, phase: 'applying' });
    const result = await actions.apply(current.preview, startRun('write'));
    if (result === null) return setState({ phase: 'idle' });
    if (!result.ok && result.error === 'cancelled') {
      void message.info(t('exchange.import.cancelledRun'));
      return setState({ ...current, phase: 'preview' });
    }
    if (!result.ok) {
      void message.error(t('exchange.import.failed', { reason: failureMessage(result, i18n.language) }));
      return setState({ ...current, phase: 'preview' });
    }
    const { summary } = result.value;
    setState({
      phase: 'done',
      fileName: current.fileName,
      message: t('exchange.import.done', { created: summary.created, updated: summary.updated, deleted: summary.deleted, conflicts: summary.conflicts, refused: summary.refused }),
      isWarning: summary.conflicts > 0 || summary.refused > 0,
    });
  }

  const title = isCatalogOnly ? t('exchange.import.catalogTitle') : t('exchange.import.title');
  return (
    <Card size="small" title={title}>
      <Typography.Paragraph type="secondary">{t('exchange.import.hint')}</Typography.Paragraph>
      <Button icon={<ImportOutlined />} disabled={!actions.isReady || state.phase === 'reading' || state.phase === 'applying'} onClick={() => fileInput.current?.click()}>
        {isCatalogOnly ? t('exchange.import.chooseCatalog') : t('exchange.import.choose')}
      </Button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        aria-hidden
        tabIndex={-1}
        data-testid="exchange-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so that choosing the same file again (a re-import) fires a change.
          event.target.value = '';
          if (file) void read(file);
        }}
      />
      <div className="atlas-exchange-gap" aria-live="polite">
        {(state.phase === 'reading' || state.phase === 'applying') && <ExchangeProgressBar phase={progress.phase} percent={progress.percent} onCancel={cancelRun} />}
        {state.phase === 'refused' && <Alert type="error" showIcon title={t('exchange.import.refused', { reason: state.message })} description={state.fileName} />}
        {state.phase === 'done' && <Alert type={state.isWarning ? 'warning' : 'success'} showIcon title={state.message} description={`${state.fileName} · ${t('exchange.import.backupFirst')}`} />}
      </div>
      {(state.phase === 'preview' || state.phase === 'applying') && (
        <ImportPreviewPanel
          fileName={state.fileName}
          preview={state.preview}
          isApplying={state.phase === 'applying'}
          onApply={() => {
            if (state.phase === 'preview') void apply(state);
          }}
          onCancel={() => setState({ phase: 'idle' })}
        />
      )}
      {state.phase === 'trust' && <TrustKeysDialog keys={state.keys} onTrust={() => void trust(state)} onCancel={() => setState({ phase: 'idle' })} />}
    </Card>
  );
}
