import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/domain/scenario';
import type { ExportFormat } from './exportFile';
import { useScenarioExport } from './useScenarioExport';

/** Props of {@link ExportButton}. */
export interface ExportButtonProps {
  /** The scenarios to export: the current filtered view. */
  readonly rows: readonly Scenario[];
}

const FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'csv-pilots', 'csv-partners', 'csv-stats', 'geojson'];

/** The 导出 menu: the Excel workbook, a CSV of each sheet, or GeoJSON of the given scenarios. */
export function ExportButton({ rows }: ExportButtonProps) {
  const { t } = useTranslation();
  const exportAs = useScenarioExport(rows);
  const items: MenuProps['items'] = FORMATS.map((format) => ({ key: format, label: t(`export.${format}`) }));
  return (
    <Dropdown menu={{ items, onClick: ({ key }) => void exportAs(key as ExportFormat) }} trigger={['click']}>
      <Button icon={<DownloadOutlined />}>{t('export.button')}</Button>
    </Dropdown>
  );
}
