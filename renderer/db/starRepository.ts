/**
 * Scenarios a company starred (收藏, issue 4 item 5). A local preference of this installation like
 * the saved views: not register data, so not in the change log and never exchanged.
 */
import type { ScenarioId } from '../../shared/domain/scenario';
import type { AtlasDb, StarRow } from './atlasDb';

/** Every star, most recent first. */
export async function listStars(db: AtlasDb): Promise<StarRow[]> {
  return (await db.stars.toArray()).sort((a, b) => b.starredAt - a.starredAt);
}

/** Stars or unstars a scenario; resolves to whether it is starred now. */
export async function setStarred(db: AtlasDb, scenarioId: ScenarioId, isStarred: boolean, now: number): Promise<boolean> {
  if (isStarred) await db.stars.put({ scenarioId, starredAt: now });
  else await db.stars.delete(scenarioId);
  return isStarred;
}
