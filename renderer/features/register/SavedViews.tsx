import { useMemo, useState } from 'react';
import { App as AntApp, Button, Dropdown, Flex, Form, Input, Modal, type MenuProps } from 'antd';
import { CheckOutlined, DeleteOutlined, DownOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ScenarioFilter } from '../../../shared/domain/scenarioFilter';
import { useRegions } from '../../app/contexts';
import { checkViewName, filterOfView, findViewOfFilter, MAX_VIEW_NAME_LENGTH } from './filterViews';

/** A named saved view (命名视图): a filter under a name, stored by the caller. */
export interface SavedView {
  readonly id: string;
  readonly name: string;
  /** The filter as filterToQueryString wrote it. */
  readonly query: string;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** Props of {@link SavedViews}; storage is the caller's (the database), so this only renders and asks. */
export interface SavedViewsProps {
  readonly views: readonly SavedView[];
  /** Stores a view; resolves to an error message a person can act on, or null when saved. */
  readonly onSave: (name: string, filter: ScenarioFilter) => Promise<string | null>;
  readonly onDelete: (id: string) => Promise<void>;
  /** Puts a deleted view back (the undo of a delete). */
  readonly onRestore: (view: SavedView) => Promise<void>;
  readonly onApply: (filter: ScenarioFilter) => void;
  readonly currentFilter: ScenarioFilter;
}

const SAVE_KEY = '__save__';
const UNDO_SECONDS = 8;

/** The saved-views menu: apply a view, delete one (with undo), save the current filter under a name. */
export function SavedViews({ views, onSave, onDelete, onRestore, onApply, currentFilter }: SavedViewsProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const { message } = AntApp.useApp();
  const [isSaveOpen, setSaveOpen] = useState(false);
  const sorted = useMemo(() => [...views].sort((a, b) => a.createdAt - b.createdAt), [views]);
  const current = findViewOfFilter(views, currentFilter);

  const failed = (cause: unknown): void => {
    console.error('[savedViews]', cause);
    void message.error(
      t('table.views.failed', { reason: cause instanceof Error ? cause.message : String(cause) }),
    );
  };

  async function remove(view: SavedView): Promise<void> {
    try {
      await onDelete(view.id);
    } catch (cause) {
      failed(cause);
      return;
    }
    const key = `view-deleted-${view.id}`;
    void message.open({
      key,
      type: 'success',
      duration: UNDO_SECONDS,
      content: (
        <span>
          {t('table.views.deleted', { name: view.name })}
          <Button
            type="link"
            size="small"
            onClick={() => {
              message.destroy(key);
              onRestore(view).then(
                () => void message.success(t('table.views.restored', { name: view.name })),
                failed,
              );
            }}
          >
            {t('table.views.undo')}
          </Button>
        </span>
      ),
    });
  }

  const items: MenuProps['items'] = [
    ...sorted.map((view) => ({
      key: view.id,
      icon: view.id === current?.id ? <CheckOutlined aria-hidden /> : undefined,
      label: (
        <Flex align="center" justify="space-between" gap={8}>
          <span>{view.name}</span>
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('table.views.delete', { name: view.name })}
            title={t('table.views.delete', { name: view.name })}
            onClick={(event) => {
              // The button sits inside the menu item: do not also apply the view being deleted.
              event.stopPropagation();
              void remove(view);
            }}
          />
        </Flex>
      ),
    })),
    ...(sorted.length === 0 ? [{ key: '__none__', label: t('table.views.none'), disabled: true }] : []),
    { type: 'divider' as const },
    { key: SAVE_KEY, icon: <SaveOutlined aria-hidden />, label: t('table.views.save') },
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          selectable: false,
          onClick: ({ key }) => {
            if (key === SAVE_KEY) {
              setSaveOpen(true);
              return;
            }
            const view = views.find((candidate) => candidate.id === key);
            if (!view) return;
            onApply(filterOfView(view, regions));
            void message.info(t('table.views.applied', { name: view.name }));
          },
        }}
      >
        <Button>
          {current ? `${t('table.views.button')}：${current.name}` : t('table.views.button')}{' '}
          <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
      <Modal
        open={isSaveOpen}
        title={t('table.views.saveTitle')}
        footer={null}
        onCancel={() => setSaveOpen(false)}
        destroyOnHidden
      >
        {/* Mounted afresh on every opening (destroyOnHidden), so the name starts empty. */}
        <SaveViewForm
          views={views}
          onCancel={() => setSaveOpen(false)}
          onSave={async (name) => {
            const problem = await onSave(name, currentFilter);
            if (problem === null) {
              setSaveOpen(false);
              void message.success(t('table.views.saved', { name }));
            }
            return problem;
          }}
        />
      </Modal>
    </>
  );
}

interface SaveViewFormProps {
  readonly views: readonly SavedView[];
  readonly onSave: (name: string) => Promise<string | null>;
  readonly onCancel: () => void;
}

function SaveViewForm({ views, onSave, onCancel }: SaveViewFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  async function save(): Promise<void> {
    const checked = checkViewName(name, views);
    if (!checked.ok) {
      setError(t(`table.views.nameErrors.${checked.error}`, { max: MAX_VIEW_NAME_LENGTH }));
      return;
    }
    setSaving(true);
    try {
      const problem = await onSave(checked.name);
      if (problem !== null) setError(problem);
    } catch (cause) {
      console.error('[savedViews]', cause);
      setError(t('table.views.failed', { reason: cause instanceof Error ? cause.message : String(cause) }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form layout="vertical" onFinish={() => void save()}>
      <Form.Item
        label={t('table.views.name')}
        htmlFor="saved-view-name"
        validateStatus={error ? 'error' : undefined}
        help={error}
      >
        <Input
          id="saved-view-name"
          autoFocus
          value={name}
          maxLength={MAX_VIEW_NAME_LENGTH}
          placeholder={t('table.views.namePlaceholder')}
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
        />
      </Form.Item>
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel}>{t('table.views.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('table.views.saveOk')}
        </Button>
      </Flex>
    </Form>
  );
}
