import { describe, expect, it } from 'vitest';
import { clientGroups, largestConcentrations } from '../../../shared/guarantees/concentration';

describe('concentration with related parties', () => {
  it('groups clients linked directly or through others, and nobody else', () => {
    const groupOf = clientGroups([[1, 2], [3, 2], [7, 8]]);
    expect(groupOf(1)).toBe(groupOf(3));
    expect(groupOf(2)).toBe(groupOf(3));
    expect(groupOf(7)).toBe(groupOf(8));
    expect(groupOf(1)).not.toBe(groupOf(7));
    expect(groupOf(5)).toBe(5);
  });

  it('finds the largest client and the largest group against net assets (hand-computed)', () => {
    // Balances in fen: client 4 alone 9,000,000; group {1,2,3} 4,000,000 + 3,000,000 + 2,500,000 = 9,500,000.
    const balances = new Map([[1, 400_000_000], [2, 300_000_000], [3, 250_000_000], [4, 900_000_000], [9, 0]]);
    const { client, group } = largestConcentrations(balances, clientGroups([[1, 2], [2, 3]]), 6_000_000_000);
    expect(client).toEqual({ clientIds: [4], balance: 900_000_000, percentOfNetAssets: '15.00' });
    expect(group).toEqual({ clientIds: [1, 2, 3], balance: 950_000_000, percentOfNetAssets: '15.83' });
    expect(largestConcentrations(balances, clientGroups([]), null).group).toBeNull();
    expect(largestConcentrations(balances, clientGroups([]), null).client?.percentOfNetAssets).toBeNull();
  });
});
