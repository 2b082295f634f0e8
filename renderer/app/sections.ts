/**
 * The working areas of the app, switched in the top bar. The register is always there; each other
 * area is one lazily loaded component (not needed for the first screen) listed here with the roles
 * that see it. Add an area by adding one entry; the top bar and Workspace follow this list.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../../shared/settings/settings';

/** The key of a working area. */
export type SectionKey = 'register' | 'pilots' | 'partners' | 'dashboard' | 'exchange';

/** What every area gets from the workspace. */
export interface SectionProps {
  /** Switches to another area; `scenarioId` opens that scenario in the register. */
  readonly goTo: (section: SectionKey, options?: { readonly scenarioId?: string }) => void;
}

/** One working area. */
export interface Section {
  readonly key: SectionKey;
  /** i18n key of its name in the top bar. */
  readonly labelKey: string;
  /** Roles that see it; the register is seen by all. */
  readonly roles: readonly Role[];
  /** Its screen; null for the register, which Workspace renders itself (it shares the map state). */
  readonly component: LazyExoticComponent<ComponentType<SectionProps>> | null;
}

const OFFICE_ROLES: readonly Role[] = ['county', 'city', 'province'];

/** Every area, in top-bar order. */
export const SECTIONS: readonly Section[] = [
  { key: 'register', labelKey: 'sections.register', roles: [...OFFICE_ROLES, 'company'], component: null },
  {
    key: 'pilots',
    labelKey: 'sections.pilots',
    roles: OFFICE_ROLES,
    component: lazy(() => import('../features/pilots/PilotsScreen').then((m) => ({ default: m.PilotsScreen }))),
  },
  {
    key: 'partners',
    labelKey: 'sections.partners',
    roles: OFFICE_ROLES,
    component: lazy(() => import('../features/partners/PartnersScreen').then((m) => ({ default: m.PartnersScreen }))),
  },
  {
    key: 'dashboard',
    labelKey: 'sections.dashboard',
    roles: OFFICE_ROLES,
    component: lazy(() => import('../features/dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen }))),
  },
  {
    // A company gets the same area with only the catalog import (ExchangeScreen decides by role).
    key: 'exchange',
    labelKey: 'sections.exchange',
    roles: [...OFFICE_ROLES, 'company'],
    component: lazy(() => import('../features/exchange/ExchangeScreen').then((m) => ({ default: m.ExchangeScreen }))),
  },
];

/** The areas a role sees. */
export function sectionsFor(role: Role | null): readonly Section[] {
  return SECTIONS.filter((section) => role === null ? section.key === 'register' : section.roles.includes(role));
}
