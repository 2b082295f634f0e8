import { Alert, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnknownKey } from '../../../shared/exchange/package';
import { useRegions } from '../../app/contexts';
import { unitName } from './exchangeFormat';

/** Props of {@link TrustKeysDialog}. */
export interface TrustKeysDialogProps {
  readonly keys: readonly UnknownKey[];
  readonly onTrust: () => void;
  readonly onCancel: () => void;
}

/** Trust on first use: shows each unknown key's unit and fingerprint and asks to confirm. */
export function TrustKeysDialog({ keys, onTrust, onCancel }: TrustKeysDialogProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const isChanged = keys.some((key) => key.isKeyChanged);
  return (
    <Modal open title={t('exchange.trust.title')} okText={t('exchange.trust.confirm')} cancelText={t('exchange.trust.cancel')} onOk={onTrust} onCancel={onCancel} width={640} okButtonProps={{ danger: isChanged }}>
      <Typography.Paragraph>{t('exchange.trust.body')}</Typography.Paragraph>
      {isChanged && <Alert type="warning" showIcon title={t('exchange.trust.changed')} className="atlas-exchange-gap" />}
      <Table
        size="small"
        pagination={false}
        rowKey={(key) => `${key.unit} ${key.publicKey}`}
        dataSource={[...keys]}
        columns={[
          { title: t('exchange.trust.unit'), key: 'unit', render: (_value, key) => unitName(regions, key.unit) },
          { title: t('exchange.trust.fingerprint'), key: 'fingerprint', render: (_value, key) => <code className="atlas-fingerprint">{key.fingerprint}</code> },
        ]}
      />
    </Modal>
  );
}
