/**
 * A borrower's related parties (关联方): the other borrowers joined to it through shareholders, actual
 * controllers and other identity links, however many links away. Concentration limits on loans and on
 * guarantees both count the group.
 */
import { relatedPairsOf } from '../../../db/repositories/lending/borrowers';
import type { ServiceContext } from '../context';

/** The other borrowers in this borrower's group of related parties (see shared/guarantees/concentration), walked link by link. */
export function relatedParties(ctx: ServiceContext, clientId: number): number[] {
  const group = new Set([clientId]);
  for (let frontier = [clientId]; frontier.length > 0; ) {
    const found = relatedPairsOf(ctx.db, frontier).flat().filter((id) => !group.has(id));
    for (const id of found) group.add(id);
    frontier = [...new Set(found)];
  }
  group.delete(clientId);
  return [...group].sort((a, b) => a - b);
}
