import { Button, Descriptions, Tag, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../../app/contexts';
import type { MapSelection } from './useMapSelection';

/** Props of {@link RegionPanel}. */
export interface RegionPanelProps {
  readonly selection: MapSelection;
  readonly myUnitCode: string | null;
}

/** Facts about the focused region and its subdivisions, each a button: the keyboard path through the map. */
export function RegionPanel({ selection, myUnitCode }: RegionPanelProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const region = selection.focus;
  const parent = region.parent ? regions.get(region.parent) : undefined;
  const children = regions.children(region.code);
  const [lng, lat] = region.center;
  return (
    <section className="atlas-region-panel" aria-labelledby="region-panel-title">
      <Typography.Title level={4} id="region-panel-title" className="atlas-panel-title">
        {region.name}
        {region.code === myUnitCode && (
          <Tag color="orange" className="atlas-panel-tag">
            {t('region.myUnitBadge')}
          </Tag>
        )}
      </Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('region.code')}>{region.code}</Descriptions.Item>
        <Descriptions.Item label={t('region.level')}>{t(`levels.${region.level}`)}</Descriptions.Item>
        {parent && <Descriptions.Item label={t('region.parent')}>{parent.name}</Descriptions.Item>}
        <Descriptions.Item label={t('region.center')}>
          {lat.toFixed(4)}°N, {lng.toFixed(4)}°E
        </Descriptions.Item>
        {children.length > 0 && (
          <Descriptions.Item label={t('region.children')}>{t('region.childrenCount', { count: children.length })}</Descriptions.Item>
        )}
      </Descriptions>
      {myUnitCode && region.code !== myUnitCode && (
        <Button icon={<AimOutlined />} className="atlas-panel-mine" onClick={() => selection.goTo(myUnitCode)}>
          {t('region.openMyUnit')}
        </Button>
      )}
      {children.length > 0 ? (
        <ul className="atlas-panel-children" aria-label={t('region.children')}>
          {children.map((child) => (
            <li key={child.code}>
              <Button size="small" type={child.code === myUnitCode ? 'primary' : 'default'} ghost={child.code === myUnitCode} onClick={() => selection.goTo(child.code)}>
                {child.name}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary" className="atlas-panel-hint">
          {t('region.selectHint')}
        </Typography.Paragraph>
      )}
    </section>
  );
}
