import { useTranslation } from 'react-i18next';
import { filterToQueryString, type ScenarioFilter } from '../../../shared/domain/scenarioFilter';
import { useSavedViewActions } from '../../db/useSavedViewActions';
import { useSavedViews } from '../../db/useSavedViews';
import { SavedViews } from './SavedViews';

/** Props of {@link SavedViewsControl}. */
export interface SavedViewsControlProps {
  readonly currentFilter: ScenarioFilter;
  readonly onApply: (filter: ScenarioFilter) => void;
}

/** Named saved views, wired to the database. */
export function SavedViewsControl({ currentFilter, onApply }: SavedViewsControlProps) {
  const { i18n } = useTranslation();
  const views = useSavedViews();
  const actions = useSavedViewActions(i18n.language);
  return (
    <SavedViews
      views={views ?? []}
      currentFilter={currentFilter}
      onApply={onApply}
      onSave={(name, filter) => actions.save(name, filterToQueryString(filter))}
      onDelete={actions.remove}
      onRestore={async (view) => actions.restore({ ...view, updatedAt: Date.now() })}
    />
  );
}
