import { useState } from 'react';
import { Alert, Form, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../shared/domain/localizedText';
import {
  EXTERNAL_PLAN_COUNT_KEYS,
  MAX_EXTERNAL_PLAN_COUNT,
  PLAN_TARGETS,
  type ExternalPlanCounts,
} from '../../../shared/partners/dashboard';
import type { PlanCounts } from '../../db/usePlanCounts';

/** Props of {@link PlanCountsDialog}: mount it when it opens, so it starts from the stored counts. */
export interface PlanCountsDialogProps {
  readonly counts: ExternalPlanCounts;
  readonly onSave: PlanCounts['save'];
  readonly onClose: () => void;
}

type Draft = { [K in keyof ExternalPlanCounts]: number | null };

function draftOf(counts: ExternalPlanCounts): Draft {
  return Object.fromEntries(EXTERNAL_PLAN_COUNT_KEYS.map((key) => [key, counts[key] ?? null])) as Draft;
}

/** The target a count feeds, for its label. */
function targetOf(key: keyof ExternalPlanCounts) {
  return PLAN_TARGETS.find((target) => target.basis.kind === 'external' && target.basis.count === key);
}

/**
 * The province office enters the enterprise counts the register does not hold. An empty box means
 * "not entered" (the bar says 未填报), not zero; nothing is saved until 保存 and a refusal keeps the
 * dialog open with its message.
 */
export function PlanCountsDialog({ counts, onSave, onClose }: PlanCountsDialogProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(counts));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    const input = Object.fromEntries(
      EXTERNAL_PLAN_COUNT_KEYS.flatMap((key) =>
        draft[key] === null || draft[key] === undefined ? [] : [[key, draft[key]]],
      ),
    );
    const result = await onSave(input);
    setSaving(false);
    if (result.ok) onClose();
    else setError(localize(result.text, i18n.language));
  };

  return (
    <Modal
      open
      title={t('dashboard.countsTitle')}
      okText={t('dashboard.countsSave')}
      cancelText={t('dashboard.countsCancel')}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t('dashboard.countsHint')}</p>
      <Form layout="vertical" onFinish={() => void save()}>
        {EXTERNAL_PLAN_COUNT_KEYS.map((key) => {
          const target = targetOf(key);
          const label = target ? localize(target, i18n.language) : key;
          return (
            <Form.Item key={key} label={label} htmlFor={`plan-count-${key}`}>
              <InputNumber<number>
                id={`plan-count-${key}`}
                min={0}
                max={MAX_EXTERNAL_PLAN_COUNT}
                precision={0}
                value={draft[key] ?? null}
                onChange={(value) => setDraft((d) => ({ ...d, [key]: value }))}
                addonAfter={target ? localize(target.unit, i18n.language) : undefined}
                style={{ width: '100%' }}
              />
            </Form.Item>
          );
        })}
      </Form>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </Modal>
  );
}
