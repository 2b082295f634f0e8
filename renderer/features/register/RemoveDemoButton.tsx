import { memo } from 'react';
import { App as AntApp, Button } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useScenarioCounts } from '../../db/useScenarios';
import type { RegisterActions } from './useRegisterActions';

/** Props of {@link RemoveDemoButton}. */
export interface RemoveDemoButtonProps {
  readonly actions: RegisterActions;
  /** After the demo records are gone (the register clears its selection). */
  readonly onRemoved: () => void;
}

/**
 * "移除演示数据", shown while the register holds demo records, with its confirmation. The counts it
 * reads are a live query that changes with every write; read here, a change renders this button
 * only, not the whole register (after a 100k-record import that render of the workspace, its map
 * tools, legend and icons, was a task of ~100 ms).
 */
export const RemoveDemoButton = memo(function RemoveDemoButton({ actions, onRemoved }: RemoveDemoButtonProps) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const counts = useScenarioCounts();
  if (!counts || counts.demo === 0) return null;
  const demo = counts.demo;

  function confirmRemoveDemo() {
    modal.confirm({
      title: t('register.removeDemoConfirm', { count: demo }),
      content: t('register.removeDemoBody'),
      okButtonProps: { danger: true },
      okText: t('register.removeDemo'),
      cancelText: t('firstRun.cancel'),
      onOk: async () => {
        const result = await actions.removeDemo();
        if (result.ok) {
          onRemoved();
          void message.success(t('register.demoRemoved', { count: result.value }));
        } else void message.error(t('register.writeFailed', { message: result.message }));
      },
    });
  }

  return (
    <Button icon={<ExperimentOutlined />} onClick={confirmRemoveDemo}>
      {t('register.removeDemo')}
    </Button>
  );
});
