import { useTranslation } from 'react-i18next';
import type { PilotStage } from '../../../shared/domain/vocabulary';
import { STAGE_SWATCHES } from '../register/stageStyle';

/** Props of {@link StageTag}. */
export interface StageTagProps {
  readonly stage: PilotStage;
}

/** A pilot stage as a tag in the map's stage colours (text colour chosen for contrast). */
export function StageTag({ stage }: StageTagProps) {
  const { t } = useTranslation();
  const swatch = STAGE_SWATCHES[stage];
  return (
    <span className="atlas-stage-tag" data-stage={stage} style={{ background: swatch.fill, color: swatch.ink }}>
      {t(`vocab.stages.${stage}`)}
    </span>
  );
}
