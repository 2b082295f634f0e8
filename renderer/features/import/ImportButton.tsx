import { UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown, type MenuProps } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_ACCEPT } from '../../../shared/spreadsheet/importFile';
import { formatShanghaiDateTime } from '../../../shared/spreadsheet/sheet';
import { ImportDialog } from './ImportDialog';
import { isProgressWorthShowing, type CommitProgress } from './importCheck';
import { useScenarioImport, type ExistingChoice } from './useScenarioImport';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Offers bytes as a browser download through a temporary <a download>. */
function download(bytes: Uint8Array<ArrayBuffer>, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The 导入 menu of the register (county, city and province offices): import a file, or download the template. */
export function ImportButton() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const { state, canImport, check, cancel, commit, undoImport } = useScenarioImport();
  if (!canImport) return null;

  async function downloadTemplate() {
    try {
      const { writeTemplate } = await import('./importTemplate');
      const fileName = `${t('import.templateFile')}-${formatShanghaiDateTime(Date.now()).slice(0, 10).replace(/-/g, '')}.xlsx`;
      download(await writeTemplate(), fileName);
      void message.success(t('import.templateDone', { file: fileName }));
    } catch (cause) {
      console.error('[import] template failed', cause);
      void message.error(t('import.templateFailed', { reason: cause instanceof Error ? cause.message : String(cause) }));
    }
  }

  async function commitAndOffer(choice: ExistingChoice) {
    const outcome = await commit(choice);
    if (!outcome?.ok) return;
    const { batchId, created, updated, unchanged } = outcome.value;
    const key = `import-${batchId}`;
    void message.success({
      key,
      duration: 12,
      content: (
        <span>
          {t('import.done', { created, updated })}
          {unchanged > 0 ? t('import.doneUnchanged', { unchanged }) : ''}{' '}
          {created + updated > 0 && (
            <Button
              size="small"
              type="link"
              onClick={async () => {
                message.destroy(key);
                // Undoing 100k rows takes a while: its progress, a whole percent at a time.
                let shown: CommitProgress | null = null;
                const undone = await undoImport(batchId, (done, total) => {
                  const next: CommitProgress = { stage: 'write', done, total };
                  if (!isProgressWorthShowing(shown, next)) return;
                  shown = next;
                  void message.loading({ key, duration: 0, content: t('import.undoing', { done, total }) });
                });
                message.destroy(key);
                if (undone?.ok) void message.success(t('import.undone'));
                else if (undone) void message.error(t('import.commitFailed', { message: undone.message }));
              }}
            >
              {t('import.undo')}
            </Button>
          )}
        </span>
      ),
    });
  }

  const items: MenuProps['items'] = [
    { key: 'file', label: t('import.chooseFile') },
    { key: 'template', label: t('import.template') },
  ];
  return (
    <>
      <Dropdown
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'file') fileInput.current?.click();
            else void downloadTemplate();
          },
        }}
        trigger={['click']}
      >
        <Button icon={<UploadOutlined />}>{t('import.button')}</Button>
      </Dropdown>
      <input
        ref={fileInput}
        type="file"
        accept={IMPORT_ACCEPT}
        hidden
        aria-hidden
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Clear, so choosing the same file again (after fixing it) fires a change.
          event.target.value = '';
          if (file) void check(file);
        }}
      />
      {state.phase !== 'idle' && (
        <ImportDialog
          key={state.fileName}
          state={state}
          onCancel={() => {
            const wasRunning = state.phase === 'checking' || state.phase === 'committing';
            cancel();
            if (wasRunning) void message.info(t('import.cancelled'));
          }}
          onCommit={(choice) => void commitAndOffer(choice)}
        />
      )}
    </>
  );
}
