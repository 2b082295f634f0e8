import type { ApplicationField, PilotStage, ScenarioStatus } from '../../../shared/domain/vocabulary';
import { packCoordinates } from './clusterEngine';

/** What a marker needs of a scenario. */
export interface ScenarioPoint {
  readonly id: string;
  readonly title: string;
  readonly lat: number;
  readonly lng: number;
  readonly field: ApplicationField;
  readonly status: ScenarioStatus;
  /** The most advanced stage of its live pilots; null or absent without pilots. */
  readonly stage?: PilotStage | null;
}

/**
 * The points of the markers, one per filtered row, made only when a marker is drawn: building
 * 100k point objects on every new row list (a 100k-row import, a cold start) held the page for
 * ~75 ms on the bench machine, and only the markers on screen are ever read.
 */
export interface ScenarioPoints {
  readonly length: number;
  /** The point of row `index`, or undefined past the end. */
  at(index: number): ScenarioPoint | undefined;
  /**
   * Every point's [lng, lat], packed for the clustering worker (packCoordinates) in slices of
   * {@link PACK_SLICE_ROWS} rows with the page free in between; null once `signal` aborts.
   */
  coordinates(signal?: AbortSignal): Promise<Float64Array | null>;
}

/**
 * Rows packed in one task. Packing 100k rows at once held the page ~80 ms on the bench machine
 * (bench browser:refresh): each row's location is a separate object somewhere in a heap of 100k rows.
 */
export const PACK_SLICE_ROWS = 10_000;

/** A row as the markers read it. */
export interface MarkerRow {
  readonly id: string;
  readonly title: string;
  readonly location: { readonly lat: number; readonly lng: number };
  readonly field: ApplicationField;
  readonly status: ScenarioStatus;
}

/** The markers' points over `rows`, with each row's pilot stage from `stageOf`. */
export function scenarioPoints(rows: readonly MarkerRow[], stageOf: ReadonlyMap<string, PilotStage>): ScenarioPoints {
  return {
    length: rows.length,
    at(index) {
      const row = rows[index];
      if (!row) return undefined;
      const { id, title, location, field, status } = row;
      return { id, title, lat: location.lat, lng: location.lng, field, status, stage: stageOf.get(id) ?? null };
    },
    async coordinates(signal) {
      const coords = new Float64Array(rows.length * 2);
      for (let start = 0; start < rows.length; start += PACK_SLICE_ROWS) {
        if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
        if (signal?.aborted) return null;
        coords.set(packCoordinates(rows.slice(start, start + PACK_SLICE_ROWS).map((row) => row.location)), start * 2);
      }
      return signal?.aborted ? null : coords;
    },
  };
}
