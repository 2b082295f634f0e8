import { useMemo, useState } from 'react';
import { Button, Checkbox, Empty, Input, Layout, Select, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PARTNER_TYPES, type PartnerType } from '../../../shared/domain/vocabulary';
import { normaliseCreditCode } from '../../../shared/partners/creditCode';
import type { Partner } from '../../../shared/partners/partner';
import { useRegions, useSettings } from '../../app/contexts';
import type { SectionProps } from '../../app/sections';
import { usePartners } from '../../db/usePartners';
import { usePilots } from '../../db/usePilots';
import { usePlanActions } from '../pilots/usePlanActions';
import { PartnerFormDrawer } from './PartnerFormDrawer';
import '../pilots/pilots.css';

type DrawerState = { readonly mode: 'closed' } | { readonly mode: 'new' } | { readonly mode: 'open'; readonly id: string };

/** The 伙伴单位 area: the partner registry with search, type filter, and the register/edit drawer. */
export function PartnersScreen(_props: SectionProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const { settings } = useSettings();
  const actions = usePlanActions();
  const [query, setQuery] = useState('');
  const [type, setType] = useState<PartnerType | 'all'>('all');
  const [showDeleted, setShowDeleted] = useState(false);
  const [drawer, setDrawer] = useState<DrawerState>({ mode: 'closed' });
  const everyPartner = usePartners({ includeDeleted: true });
  const pilots = usePilots();

  const pilotCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const pilot of pilots ?? []) for (const p of pilot.partners) counts.set(p.partnerId, (counts.get(p.partnerId) ?? 0) + 1);
    return counts;
  }, [pilots]);
  const livePartners = useMemo(() => (everyPartner ?? []).filter((p) => p.deletedAt === null), [everyPartner]);
  const shown = useMemo(() => {
    const text = query.trim().toLowerCase();
    const code = normaliseCreditCode(query);
    return (everyPartner ?? []).filter(
      (p) =>
        (showDeleted || p.deletedAt === null) &&
        (type === 'all' || p.type === type) &&
        (text === '' || p.name.toLowerCase().includes(text) || (code !== '' && p.creditCode.includes(code)) || p.contactName.toLowerCase().includes(text)),
    );
  }, [everyPartner, query, showDeleted, type]);

  const isCompany = settings.role === 'company';
  const opened = drawer.mode === 'open' ? (everyPartner ?? []).find((p) => p.id === drawer.id) ?? null : null;
  const readOnlyReason = (partner: Partner | null): string | null => {
    if (isCompany) return t('partners.drawer.companyReadOnly');
    if (partner && partner.ownerUnitCode !== settings.unitCode) {
      return t('partners.drawer.readOnlyReason', { unit: regions.get(partner.ownerUnitCode)?.name ?? partner.ownerUnitCode });
    }
    return null;
  };

  return (
    <Layout.Content className="atlas-content atlas-plan-screen">
      <div className="atlas-plan-inner">
        <header className="atlas-plan-head">
          <div>
            <Typography.Title level={3} className="atlas-plan-title">
              {t('partners.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('partners.subtitle')}</Typography.Text>
          </div>
          {!isCompany && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'new' })} disabled={actions === null}>
              {t('partners.add')}
            </Button>
          )}
        </header>
        <Space wrap className="atlas-plan-filters">
          <Input.Search allowClear aria-label={t('partners.search')} placeholder={t('partners.search')} value={query} onChange={(e) => setQuery(e.target.value)} style={{ width: 320 }} />
          <Select
            aria-label={t('partners.typeFilter')}
            value={type}
            onChange={(value: PartnerType | 'all') => setType(value)}
            style={{ width: 160 }}
            options={[{ value: 'all', label: t('partners.allTypes') }, ...PARTNER_TYPES.map((p) => ({ value: p.key, label: t(`vocab.partnerTypes.${p.key}`) }))]}
          />
          <Checkbox checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)}>
            {t('partners.showDeleted')}
          </Checkbox>
          <Typography.Text type="secondary">{t('partners.count', { count: shown.length })}</Typography.Text>
        </Space>
        <Table<Partner>
          rowKey="id"
          size="middle"
          loading={everyPartner === undefined}
          dataSource={shown}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={(everyPartner ?? []).length === 0 ? t('partners.empty') : t('partners.emptyFiltered')} /> }}
          onRow={(partner) => ({
            onClick: () => setDrawer({ mode: 'open', id: partner.id }),
            onKeyDown: (event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                setDrawer({ mode: 'open', id: partner.id });
              }
            },
            tabIndex: 0,
            className: 'atlas-clickable-row',
            'aria-label': partner.name,
          })}
          columns={[
            {
              key: 'name',
              title: t('partners.columns.name'),
              render: (_, partner) => (
                <Space size={4}>
                  <span>{partner.name}</span>
                  {partner.deletedAt !== null && <Tag color="red">{t('partners.deleted')}</Tag>}
                  {partner.ownerUnitCode !== settings.unitCode && <Tag icon={<LockOutlined />}>{t('partners.readOnly')}</Tag>}
                </Space>
              ),
            },
            { key: 'type', title: t('partners.columns.type'), width: 120, render: (_, partner) => t(`vocab.partnerTypes.${partner.type}`) },
            { key: 'creditCode', title: t('partners.columns.creditCode'), width: 210, render: (_, partner) => <span className="atlas-credit-code">{partner.creditCode}</span> },
            {
              key: 'region',
              title: t('partners.columns.region'),
              width: 170,
              render: (_, partner) =>
                partner.regionCode ? regions.path(partner.regionCode).slice(1).map((r) => r.name).join(' › ') || regions.get(partner.regionCode)?.name : t('partners.outsideSichuan'),
            },
            { key: 'contact', title: t('partners.columns.contact'), width: 200, render: (_, partner) => [partner.contactName, partner.contactPhone].filter(Boolean).join(' · ') || '—' },
            { key: 'pilots', title: t('partners.columns.pilots'), width: 90, align: 'right', render: (_, partner) => pilotCounts.get(partner.id) ?? 0 },
          ]}
        />
      </div>
      {drawer.mode !== 'closed' && (drawer.mode === 'new' || opened) && (
        <PartnerFormDrawer
          partner={drawer.mode === 'new' ? null : opened}
          partners={livePartners}
          readOnlyReason={readOnlyReason(drawer.mode === 'new' ? null : opened)}
          actions={actions}
          onClose={() => setDrawer({ mode: 'closed' })}
          onOpenPartner={(id) => setDrawer({ mode: 'open', id })}
        />
      )}
    </Layout.Content>
  );
}
