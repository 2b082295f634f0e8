/** Chinese strings of the map's pilot modes (i18n namespace key `pilotMap`). */
export const pilotMapZh = {
  modeStage: '试点阶段',
  legendStages: '最高试点阶段',
  noPilot: '暂无试点',
  openForPartners: '仅看可对接场景',
  openForPartnersHint: '已开放且仍有空余伙伴名额的场景',
  markerLabel: '{{title}} · {{status}} · {{stage}}',
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English strings of the map's pilot modes: the same keys as {@link pilotMapZh}. */
export const pilotMapEn: Widen<typeof pilotMapZh> = {
  modeStage: 'Pilot stage',
  legendStages: 'Most advanced pilot stage',
  noPilot: 'No pilot yet',
  openForPartners: 'Open for partners only',
  openForPartnersHint: 'Open scenarios that still have a free partner slot',
  markerLabel: '{{title}} · {{status}} · {{stage}}',
};
