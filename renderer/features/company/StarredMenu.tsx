import { Button, Dropdown } from 'antd';
import { StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/domain/scenario';
import { useStars } from '../../db/useStars';

/** Props of {@link StarredMenu}. */
export interface StarredMenuProps {
  /** The scenarios the company can see (the open catalog), to name the stars and find them. */
  readonly records: readonly Scenario[];
  readonly onSelect: (id: string) => void;
}

/** 我的收藏: the starred scenarios, newest first; choosing one opens it. */
export function StarredMenu({ records, onSelect }: StarredMenuProps) {
  const { t } = useTranslation();
  const stars = useStars();
  const rows = stars.rows ?? [];
  const byId = new Map(records.map((record) => [record.id as string, record]));
  const items =
    rows.length === 0
      ? [{ key: 'empty', label: t('company.starredEmpty'), disabled: true }]
      : rows.map((row) => {
          const record = byId.get(row.scenarioId);
          return {
            key: row.scenarioId,
            disabled: !record,
            label: record ? `${record.title}（${record.catalogNumber}）` : `${row.scenarioId.slice(0, 8)}… ${t('company.starredGone')}`,
          };
        });
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, onClick: ({ key }) => byId.has(key) && onSelect(key) }}
    >
      <Button icon={<StarOutlined />}>{t('company.starredMenu', { count: rows.length })}</Button>
    </Dropdown>
  );
}
