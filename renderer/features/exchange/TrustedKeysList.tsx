import { App as AntApp, Button, Empty, Popconfirm, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../../app/contexts';
import type { TrustedKeyRow } from '../../db/exchangeRows';
import { useTrustedKeys } from '../../db/useExchange';
import { unitName } from './exchangeFormat';
import { useExchangeActions, useUnitIdentity } from './useExchangeActions';

/** Settings: this installation's fingerprint and the trusted keys of other units (revocable). */
export function TrustedKeysList() {
  const { t } = useTranslation();
  const regions = useRegions();
  const { message } = AntApp.useApp();
  const identity = useUnitIdentity();
  const keys = useTrustedKeys();
  const { revoke } = useExchangeActions();
  return (
    <section aria-labelledby="trusted-keys-title" className="atlas-trusted-keys">
      <Typography.Text strong>{t('exchange.identity')}</Typography.Text>
      <div>
        <code className="atlas-fingerprint" data-testid="own-fingerprint">
          {identity?.fingerprint ?? '…'}
        </code>
      </div>
      <Typography.Paragraph type="secondary">{t('exchange.identityHint')}</Typography.Paragraph>
      <Typography.Text strong id="trusted-keys-title">
        {t('exchange.trusted.title')}
      </Typography.Text>
      {keys !== undefined && keys.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exchange.trusted.empty')} />
      ) : (
        <Table<TrustedKeyRow>
          size="small"
          loading={keys === undefined}
          rowKey={(row) => `${row.unit} ${row.publicKey}`}
          pagination={false}
          dataSource={keys ? [...keys] : []}
          columns={[
            { title: t('exchange.trusted.unit'), key: 'unit', render: (_v, row) => unitName(regions, row.unit) },
            { title: t('exchange.trusted.fingerprint'), key: 'fp', render: (_v, row) => <code className="atlas-fingerprint">{row.fingerprint}</code> },
            {
              title: t('exchange.trusted.revoke'),
              key: 'revoke',
              render: (_v, row) => (
                <Popconfirm
                  title={t('exchange.trusted.revokeConfirm')}
                  onConfirm={async () => {
                    await revoke(row.unit, row.publicKey);
                    void message.success(t('exchange.trusted.revoked'));
                  }}
                >
                  <Button size="small" danger>
                    {t('exchange.trusted.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
