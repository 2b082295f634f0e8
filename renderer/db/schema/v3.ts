/**
 * Version 3: the scenario innovation partner plan (issue 4).
 *
 * - `partners`: 伙伴单位, one row per organisation; `&creditCode` makes "one organisation once" a
 *   database guarantee as well as a validation message (the normalised code is stored).
 * - `pilots`: 试点项目; `leadPartnerId` is a copy of the lead partner's id (or '' with none) so a
 *   partner's pilots are found by index; `stage` feeds the pipeline board and the funnel;
 *   `&projectNumber` keeps 项目编号 unique.
 * - `applications`: company-mode application drafts (合作意向), kept until exported.
 * - `stars`: scenarios a company starred.
 *
 * No data changes shape, so no upgrade step: the new tables start empty.
 */
import type { SchemaVersion } from './schemaVersion';

/** Version 3 of the schema. */
export const schemaV3: SchemaVersion = {
  version: 3,
  stores: {
    partners: 'id, &creditCode, updatedAt, deletedFlag',
    pilots: 'id, &projectNumber, scenarioId, stage, leadPartnerId, updatedAt, deletedFlag',
    applications: 'id, scenarioId, updatedAt',
    stars: 'scenarioId',
  },
};
