import type { RegionLevel } from '../regions/regions';
import type { Role } from './settings';

/** The region level an office's unit must have; a company or institute may sit anywhere. */
export const ROLE_UNIT_LEVEL: Readonly<Record<Role, RegionLevel | null>> = {
  county: 'county',
  city: 'city',
  province: 'province',
  company: null,
};

/** Does a unit at this level fit the role? (县级 ↔ county, 市级 ↔ city, 省级 ↔ province.) */
export function isUnitLevelAllowedForRole(role: Role, unitLevel: RegionLevel): boolean {
  const required = ROLE_UNIT_LEVEL[role];
  return required === null || required === unitLevel;
}

/** The role that fits a unit best, to preselect in the first-run dialog. */
export function suggestedRoleForLevel(level: RegionLevel): Role {
  return level;
}
