/**
 * Concentration (集中度): one client's guaranteed balance, and one client with its related parties,
 * against net assets. Related parties form groups: anyone linked to anyone in the group belongs to it.
 */
import { percentString } from '../money/rounding';

/** Client → group representative, by union-find over the related pairs. */
export function clientGroups(pairs: ReadonlyArray<readonly [number, number]>): (clientId: number) => number {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps later lookups flat.
    for (let node = x; node !== root; ) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const [a, b] of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
    if (!parent.has(Math.min(ra, rb))) parent.set(Math.min(ra, rb), Math.min(ra, rb));
  }
  return find;
}

export interface Concentration {
  clientIds: number[];
  balance: number;
  /** Percent of net assets, 2 decimals; null without net assets. */
  percentOfNetAssets: string | null;
}

/** The largest single-client and group balances (fen) of a book, each as a share of net assets. */
export function largestConcentrations(balances: ReadonlyMap<number, number>, groupOf: (clientId: number) => number, netAssets: number | null): { client: Concentration | null; group: Concentration | null } {
  const share = (balance: number) => (netAssets ? percentString(balance, netAssets) : null);
  let client: Concentration | null = null;
  const groups = new Map<number, { clientIds: number[]; balance: number }>();
  for (const [clientId, balance] of balances) {
    if (balance <= 0) continue;
    if (!client || balance > client.balance || (balance === client.balance && clientId < client.clientIds[0]!)) client = { clientIds: [clientId], balance, percentOfNetAssets: null };
    const key = groupOf(clientId);
    const group = groups.get(key) ?? { clientIds: [], balance: 0 };
    group.clientIds.push(clientId);
    group.balance += balance;
    groups.set(key, group);
  }
  let group: Concentration | null = null;
  for (const g of groups.values()) {
    if (g.clientIds.length < 2) continue;
    if (!group || g.balance > group.balance) group = { clientIds: g.clientIds.sort((a, b) => a - b), balance: g.balance, percentOfNetAssets: null };
  }
  if (client) client.percentOfNetAssets = share(client.balance);
  if (group) group.percentOfNetAssets = share(group.balance);
  return { client, group };
}
