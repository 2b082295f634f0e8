import { lazy, Suspense, useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { FormOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../shared/domain/scenario';
import { useStars } from '../../db/useStars';

const ApplicationDrawer = lazy(() =>
  import('./ApplicationDrawer').then((module) => ({ default: module.ApplicationDrawer })),
);

/** Props of {@link ScenarioCompanyActions}. */
export interface ScenarioCompanyActionsProps {
  readonly scenario: Scenario;
}

/** What a company does with a catalog scenario: star it, draft and export an application. */
export function ScenarioCompanyActions({ scenario }: ScenarioCompanyActionsProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const stars = useStars();
  const [isApplying, setApplying] = useState(false);
  const isStarred = stars.isStarred(scenario.id);

  async function toggleStar() {
    await stars.setStarred(scenario.id, !isStarred);
    void message.success(t(isStarred ? 'company.unstarred' : 'company.starred', { title: scenario.title }));
  }

  return (
    <>
      <Button
        icon={isStarred ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined />}
        aria-pressed={isStarred}
        onClick={() => void toggleStar()}
        disabled={stars.rows === undefined}
      >
        {isStarred ? t('company.unstar') : t('company.star')}
      </Button>
      <Button type="primary" icon={<FormOutlined />} onClick={() => setApplying(true)} disabled={scenario.status !== 'open'}>
        {t('company.apply')}
      </Button>
      <Suspense fallback={null}>
        {isApplying && <ApplicationDrawer scenario={scenario} onClose={() => setApplying(false)} />}
      </Suspense>
    </>
  );
}
