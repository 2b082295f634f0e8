import { useState } from 'react';
import { Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JsonValue } from '../../../shared/domain/changeRecord';
import { fieldLabel } from './exchangeFormat';

/** Props of {@link ConflictEditDialog}. */
export interface ConflictEditDialogProps {
  readonly field: string;
  readonly initial: JsonValue;
  readonly onSave: (value: JsonValue) => void;
  readonly onCancel: () => void;
}

/**
 * Edits a conflicting field's value before using it: numbers as numbers, text as text, anything
 * else (lists, places) as JSON. The write path validates the value like any edit.
 */
export function ConflictEditDialog({ field, initial, onSave, onCancel }: ConflictEditDialogProps) {
  const { t } = useTranslation();
  const kind = typeof initial === 'number' ? 'number' : typeof initial === 'string' || initial === null ? 'text' : 'json';
  const [text, setText] = useState(kind === 'json' ? JSON.stringify(initial) : initial === null ? '' : String(initial));
  const [number, setNumber] = useState<number | null>(typeof initial === 'number' ? initial : null);
  const [error, setError] = useState<string | null>(null);

  function save() {
    if (kind === 'number') {
      if (number === null) return setError(t('exchange.conflicts.editInvalid'));
      return onSave(number);
    }
    if (kind === 'text') return onSave(text);
    try {
      return onSave(JSON.parse(text) as JsonValue);
    } catch {
      // Not JSON: say so under the field rather than failing later in the write path.
      return setError(t('exchange.conflicts.editInvalid'));
    }
  }

  return (
    <Modal open title={t('exchange.conflicts.editTitle', { field: fieldLabel(t, field) })} okText={t('exchange.conflicts.editSave')} onOk={save} onCancel={onCancel} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={t('exchange.conflicts.editLabel')} htmlFor="conflict-edit-value" validateStatus={error ? 'error' : undefined} help={error}>
          {kind === 'number' ? (
            <InputNumber id="conflict-edit-value" value={number} onChange={(value) => setNumber(typeof value === 'number' ? value : null)} />
          ) : (
            <Input.TextArea id="conflict-edit-value" value={text} autoSize={{ minRows: 2, maxRows: 8 }} onChange={(event) => setText(event.target.value)} />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
