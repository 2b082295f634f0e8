import type { LocalizedText, TextLanguage } from '../../shared/domain/localizedText';
import {
  APPLICATION_FIELDS,
  INDICATORS,
  IP_OUTCOME_TYPES,
  OPENING_LEVELS,
  PARTNER_TYPES,
  PILOT_STAGES,
  SCENARIO_FIELD_LABELS,
  SCENARIO_STATUSES,
  TECH_DIRECTIONS,
} from '../../shared/domain/vocabulary';

type Entries = readonly (LocalizedText & { readonly key: string })[];

function table(entries: Entries, language: TextLanguage): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [entry.key, entry[language]]));
}

/**
 * The domain's words (shared/domain/vocabulary.ts) as i18n resources under `vocab.*`, so screens,
 * spreadsheets and exchange files use one source for every label: t('vocab.fields.medical') → 医疗健康.
 */
export function vocabularyResources(language: TextLanguage) {
  return {
    fields: table(APPLICATION_FIELDS, language),
    directions: table(TECH_DIRECTIONS, language),
    openingLevels: table(OPENING_LEVELS, language),
    statuses: table(SCENARIO_STATUSES, language),
    stages: table(PILOT_STAGES, language),
    partnerTypes: table(PARTNER_TYPES, language),
    indicators: table(INDICATORS, language),
    ipOutcomes: table(IP_OUTCOME_TYPES, language),
    scenarioFields: Object.fromEntries(Object.entries(SCENARIO_FIELD_LABELS).map(([key, text]) => [key, text[language]])),
  };
}
