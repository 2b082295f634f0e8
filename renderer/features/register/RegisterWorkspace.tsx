import { lazy, Suspense, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { App as AntApp, Button, Empty, Space } from 'antd';
import { ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Scenario, ScenarioInput } from '../../../shared/domain/scenario';
import type { ScenarioStatus } from '../../../shared/domain/scenarioStatus';
import { useRegions, useSettings } from '../../app/contexts';
import { useElementHeight } from '../../app/useElementHeight';
import { useAfterFirstPaint } from '../../app/useAfterFirstPaint';
import { LoadingStatus } from '../../app/LoadingStatus';
import { useScenario, useScenarioHistory } from '../../db/useScenario';
import { AtlasMap } from '../map/AtlasMap';
import type { MapSelection } from '../map/useMapSelection';
import { MapLegend, type MapMode } from './MapLegend';
import { PanToScenario } from './PanToScenario';
import { RegisterFrame } from './RegisterFrame';
import { RemoveDemoButton } from './RemoveDemoButton';
import { showUndoable } from './undoMessage';
import type { ScenarioSaveFailure } from './formValues';
import { ScenarioMarkers } from './ScenarioMarkers';
import type { ScenarioPoint } from './scenarioPoints';
import { useRegister } from './useRegister';
import { useRegisterActions } from './useRegisterActions';
import { useUrlFilter } from './useUrlFilter';

/** Props of {@link RegisterWorkspace}. */
export interface RegisterWorkspaceProps {
  readonly selection: MapSelection;
  readonly breadcrumb: ReactNode;
  /** A scenario to open on arrival (another area asked to show it). */
  readonly initialSelectedId?: string | null;
}

// Not needed to draw the first screen (the map): loaded in parallel and shown just after it, so the
// start-up bundle carries no date picker, table or cascader code.
const FilterBar = lazy(() => import('./FilterBar').then((module) => ({ default: module.FilterBar })));
const SavedViewsControl = lazy(() =>
  import('./SavedViewsControl').then((module) => ({ default: module.SavedViewsControl })),
);
const ExportButton = lazy(() =>
  import('../export/ExportButton').then((module) => ({ default: module.ExportButton })),
);
const ImportButton = lazy(() =>
  import('../import/ImportButton').then((module) => ({ default: module.ImportButton })),
);
const ScenarioTable = lazy(() =>
  import('./ScenarioTable').then((module) => ({ default: module.ScenarioTable })),
);
const ScenarioDetail = lazy(() =>
  import('./ScenarioDetail').then((module) => ({ default: module.ScenarioDetail })),
);
const RegionPanel = lazy(() =>
  import('../map/RegionPanel').then((module) => ({ default: module.RegionPanel })),
);
// Loaded when first opened.
const ScenarioFormDrawer = lazy(() =>
  import('./ScenarioFormDrawer').then((module) => ({ default: module.ScenarioFormDrawer })),
);
const StatusChangeDialog = lazy(() =>
  import('./StatusChangeDialog').then((module) => ({ default: module.StatusChangeDialog })),
);
// Company mode (star, apply) and receiving applications (issue 4 item 5).
const ScenarioCompanyActions = lazy(() =>
  import('../company/ScenarioCompanyActions').then((module) => ({ default: module.ScenarioCompanyActions })),
);
const StarredMenu = lazy(() => import('../company/StarredMenu').then((module) => ({ default: module.StarredMenu })));
const ApplicationImportButton = lazy(() =>
  import('../company/ApplicationImportButton').then((module) => ({ default: module.ApplicationImportButton })),
);

/** How many demo records the empty state loads: enough to look around, quick to generate. */
const DEMO_COUNT = 3000;

type FormState =
  | { readonly isOpen: false }
  | { readonly isOpen: true; readonly scenario: Scenario | null; readonly key: number };

/** The register: filters over map and table (one filter state), the detail panel, the form and status dialogs. */
export function RegisterWorkspace({ selection, breadcrumb, initialSelectedId = null }: RegisterWorkspaceProps) {
  const { t, i18n } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const regions = useRegions();
  const { settings } = useSettings();
  const actions = useRegisterActions();
  const [filter, setFilter] = useUrlFilter(regions);
  const [mapMode, setMapMode] = useState<MapMode>('markers');
  // A company sees the open catalog only (issue 4 item 5); offices see their whole register.
  const register = useRegister(filter, { isCatalogOnly: settings.role === 'company', withChoropleth: mapMode === 'choropleth' });
  const [selectedId, setSelectedId] = useState<string | null>(initialSelectedId);
  const [panRequest, setPanRequest] = useState(0);
  const [form, setForm] = useState<FormState>({ isOpen: false });
  const [statusTarget, setStatusTarget] = useState<Scenario | null>(null);
  const [isDemoBusy, setDemoBusy] = useState(false);
  const selected = useScenario(selectedId);
  const history = useScenarioHistory(selectedId);
  const tableAreaRef = useRef<HTMLElement>(null);
  const tableHeight = useElementHeight(tableAreaRef, 280);
  const hasPainted = useAfterFirstPaint();

  const isCompany = settings.role === 'company';
  const readOnlyReason = useCallback(
    (scenario: Scenario): string | null => {
      if (isCompany) return t('detail.readOnlyCompany');
      if (scenario.ownerUnitCode !== settings.unitCode) {
        return t('detail.readOnlyOtherUnit', {
          unit: regions.get(scenario.ownerUnitCode)?.name ?? scenario.ownerUnitCode,
        });
      }
      return null;
    },
    [isCompany, regions, settings.unitCode, t],
  );

  const selectFromMap = useCallback((id: string) => setSelectedId(id), []);
  const clearSelection = useCallback(() => setSelectedId(null), []);
  const { reveal } = selection;
  const rows = register.rows;
  const selectFromTable = useCallback(
    (id: string) => {
      setSelectedId(id);
      setPanRequest((n) => n + 1);
      // Open the record's city (and mark its county), so the close-up view keeps its boundaries.
      const record = rows.find((row) => row.id === id);
      if (record && record.regionCode !== regions.province.code) reveal(record.regionCode);
    },
    [regions, rows, reveal],
  );
  const describePoint = useCallback(
    (point: ScenarioPoint) =>
      mapMode === 'stage'
        ? t('pilotMap.markerLabel', {
            title: point.title,
            status: t(`vocab.statuses.${point.status}`),
            stage: point.stage ? t(`vocab.stages.${point.stage}`) : t('pilotMap.noPilot'),
          })
        : t('register.markerLabel', { title: point.title, status: t(`vocab.statuses.${point.status}`) }),
    [mapMode, t],
  );

  async function submitForm(
    input: ScenarioInput,
    expectedVersion: number | null,
  ): Promise<ScenarioSaveFailure | null> {
    if (!actions || !form.isOpen) return { kind: 'failed', message: t('register.readOnlyRole') };
    const target = form.scenario;
    const result =
      target && expectedVersion !== null
        ? await actions.update(target.id, input, expectedVersion)
        : await actions.create(input);
    if (result.ok) {
      void message.success(t('register.saved', { title: result.value.title }));
      setForm({ isOpen: false });
      setSelectedId(result.value.id);
      return null;
    }
    const { failure } = result;
    if (failure.error === 'invalid-scenario') return { kind: 'invalid', errors: failure.errors };
    if (failure.error === 'version-conflict') {
      const current = failure.current;
      return {
        kind: 'conflict',
        message: t('register.conflict', { version: current.version }),
        onReload: () => setForm({ isOpen: true, scenario: current, key: Date.now() }),
      };
    }
    return { kind: 'failed', message: result.message };
  }

  async function submitStatus(to: ScenarioStatus, note: string): Promise<string | null> {
    if (!actions || !statusTarget) return t('register.readOnlyRole');
    const result = await actions.changeStatus(statusTarget.id, to, note, statusTarget.version);
    if (!result.ok) return result.message;
    setStatusTarget(null);
    void message.success(t('register.statusChanged', { status: t(`vocab.statuses.${to}`) }));
    return null;
  }

  function confirmDelete(scenario: Scenario) {
    if (!actions) return;
    modal.confirm({
      title: t('detail.deleteConfirmTitle', { title: scenario.title }),
      content: t('detail.deleteConfirmBody'),
      okText: t('detail.delete'),
      okButtonProps: { danger: true },
      cancelText: t('firstRun.cancel'),
      onOk: async () => {
        const result = await actions.remove(scenario.id, scenario.version);
        if (!result.ok) {
          void message.error(t('register.writeFailed', { message: result.message }));
          return;
        }
        setSelectedId(null);
        const changeId = result.value;
        showUndoable(message, {
          key: `deleted-${scenario.id}`,
          text: t('detail.deleted', { title: scenario.title }),
          undoLabel: t('detail.undo'),
          onUndo: async () => {
            const undone = await actions.undoChange(changeId);
            if (undone.ok) {
              setSelectedId(scenario.id);
              void message.success(t('detail.undone'));
            } else void message.error(t('register.writeFailed', { message: undone.message }));
          },
        });
      },
    });
  }

  async function loadDemo() {
    if (!actions) return;
    setDemoBusy(true);
    const result = await actions.loadDemo(DEMO_COUNT);
    setDemoBusy(false);
    if (result.ok) void message.success(t('register.demoLoaded', { count: result.value }));
    else void message.error(t('register.writeFailed', { message: result.message }));
  }

  const canWrite = actions !== null && !isCompany;
  const openNew = useCallback(() => setForm({ isOpen: true, scenario: null, key: Date.now() }), []);
  const choropleth = useMemo(
    () =>
      mapMode === 'choropleth' && register.choropleth
        ? selection.city
          ? register.choropleth.county
          : register.choropleth.city
        : null,
    [mapMode, register.choropleth, selection.city],
  );
  const selectedPoint = selected ? selected.location : null;
  const isLoading = register.records === undefined;
  const isEmpty = !isLoading && register.records.length === 0;

  return (
    <RegisterFrame
      filterRow={
        hasPainted && (
          <Suspense fallback={null}>
            <FilterBar
              filter={filter}
              onChange={setFilter}
              total={register.records?.length ?? 0}
              shown={register.rows.length}
            />
            <SavedViewsControl currentFilter={filter} onApply={setFilter} />
            <ExportButton rows={register.rows} />
            {canWrite && <ImportButton />}
          </Suspense>
        )
      }
      mapArea={
        <>
          {breadcrumb}
          <Space className="atlas-map-tools">
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={openNew}>
                {t('register.newScenario')}
              </Button>
            )}
            {canWrite && <RemoveDemoButton actions={actions} onRemoved={clearSelection} />}
            {hasPainted && (
              <Suspense fallback={null}>
                {isCompany && <StarredMenu records={register.records ?? []} onSelect={selectFromTable} />}
                {canWrite && <ApplicationImportButton records={register.records} onImported={setSelectedId} />}
              </Suspense>
            )}
          </Space>
          <AtlasMap
            selection={selection}
            basemap={settings.basemap}
            tiandituKey={settings.tiandituKey}
            myUnitCode={settings.unitCode}
            choropleth={choropleth}
          >
            {mapMode !== 'choropleth' && (
              <ScenarioMarkers
                points={register.points}
                selectedId={selectedId}
                onSelect={selectFromMap}
                describe={describePoint}
                coloring={mapMode === 'stage' ? 'stage' : 'field'}
              />
            )}
            <PanToScenario point={selectedPoint} request={panRequest} />
          </AtlasMap>
          <MapLegend
            mode={mapMode}
            onModeChange={setMapMode}
            maxCount={choropleth?.max ?? 0}
            isOpenForPartners={filter.openForPartners === true}
            onOpenForPartnersChange={(isOn) => setFilter({ ...filter, openForPartners: isOn })}
          />
        </>
      }
      tableAreaRef={tableAreaRef}
      tableArea={
        <>
          {(isLoading || !hasPainted) && <LoadingStatus label={t('register.loadingRegister')} />}
          {hasPainted && isEmpty && (
            <Empty className="atlas-empty" description={isCompany ? t('company.catalogEmpty') : <EmptyText />}>
              {canWrite && (
                <Space>
                  <Button type="primary" icon={<PlusOutlined />} onClick={openNew}>
                    {t('register.newScenario')}
                  </Button>
                  <Button icon={<ExperimentOutlined />} loading={isDemoBusy} onClick={() => void loadDemo()}>
                    {isDemoBusy ? t('register.loadingDemo') : t('register.loadDemo')}
                  </Button>
                </Space>
              )}
            </Empty>
          )}
          {/* The table is mounted under the empty state too, hidden: its first mount (antd's styles,
              the measuring of its width) held the page ~180 ms, so a first 100k import into an empty
              register paid it on top of taking in the rows (bench browser:refresh). */}
          {hasPainted && !isLoading && (
            <div className={isEmpty ? 'atlas-table-holder atlas-table-holder-empty' : 'atlas-table-holder'} inert={isEmpty}>
              <Suspense fallback={null}>
                <ScenarioTable
                  rows={register.rows}
                  selectedId={selectedId}
                  onSelect={selectFromTable}
                  myUnitCode={settings.unitCode}
                  height={tableHeight - 56}
                />
              </Suspense>
            </div>
          )}
        </>
      }
      panelLabel={selected ? t('detail.title') : t('region.panelTitle')}
      panelLanguage={i18n.language}
      panel={
        <Suspense fallback={null}>
          {!hasPainted ? null : selected ? (
            <ScenarioDetail
              scenario={selected}
              history={history ?? []}
              readOnlyReason={readOnlyReason(selected)}
              onClose={() => setSelectedId(null)}
              onEdit={() => setForm({ isOpen: true, scenario: selected, key: Date.now() })}
              onChangeStatus={() => setStatusTarget(selected)}
              onDelete={() => confirmDelete(selected)}
              onLocate={() => setPanRequest((n) => n + 1)}
              extraActions={isCompany ? <ScenarioCompanyActions scenario={selected} /> : null}
            />
          ) : (
            <RegionPanel selection={selection} myUnitCode={settings.unitCode} />
          )}
        </Suspense>
      }
    >
      <Suspense fallback={null}>
        {form.isOpen && (
          <ScenarioFormDrawer
            key={form.key}
            isOpen
            scenario={form.scenario}
            defaultRegionCode={settings.unitCode ?? regions.province.code}
            onClose={() => setForm({ isOpen: false })}
            onSubmit={submitForm}
          />
        )}
        {statusTarget !== null && (
          <StatusChangeDialog
            isOpen
            scenario={statusTarget}
            onClose={() => setStatusTarget(null)}
            onSubmit={submitStatus}
          />
        )}
      </Suspense>
    </RegisterFrame>
  );
}

function EmptyText() {
  const { t } = useTranslation();
  return (
    <>
      <div className="atlas-empty-title">{t('register.emptyTitle')}</div>
      <div>{t('register.emptyHint')}</div>
    </>
  );
}
