/** Counts per region code for the choropleth mode, with the largest count for the colour scale. */
export interface Choropleth {
  readonly counts: ReadonlyMap<string, number>;
  readonly max: number;
}

const SCALE = ['#f1f5f9', '#dbeafe', '#bfdbfe', '#93c5fd', '#60a5fa', '#3b82f6', '#1d4ed8', '#1e3a8a'];

/** A colour step for a count on a square-root scale (a few busy counties should not wash out the rest). */
export function choroplethColor(count: number, max: number): string {
  if (count <= 0 || max <= 0) return SCALE[0] as string;
  const step = Math.min(SCALE.length - 1, 1 + Math.floor(Math.sqrt(count / max) * (SCALE.length - 2)));
  return SCALE[step] as string;
}

/** The legend's steps: [lower bound, colour], for the map legend. */
export function choroplethLegend(max: number): [number, string][] {
  if (max <= 0) return [[0, SCALE[0] as string]];
  const steps: [number, string][] = [[0, SCALE[0] as string]];
  for (let i = 1; i < SCALE.length; i += 1) {
    const lower = Math.max(1, Math.ceil(max * ((i - 1) / (SCALE.length - 2)) ** 2));
    if (steps.length === 0 || (steps[steps.length - 1] as [number, string])[0] < lower) steps.push([lower, SCALE[i] as string]);
  }
  return steps;
}
