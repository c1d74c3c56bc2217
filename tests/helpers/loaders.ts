/**
 * For the bulk loaders' tests: two databases seeded alike, one filled through the one-at-a-time services and
 * one through the loader, compared table by table.
 */
import { afterEach, beforeEach, expect } from 'vitest';
import type { TestRuntime } from './runtime';

/** Two runtimes seeded alike before each test and closed after it. */
export function twinRuntimes(seeded: () => Promise<TestRuntime>): { services: () => TestRuntime; loaded: () => TestRuntime } {
  let pair: [TestRuntime, TestRuntime] | null = null;
  beforeEach(async () => {
    pair = await Promise.all([seeded(), seeded()]);
  });
  afterEach(() => {
    pair?.forEach((rt) => rt.close());
    pair = null;
  });
  return { services: () => pair![0], loaded: () => pair![1] };
}

/** Every table of `expected` equal in `actual`, each named in the failure. */
export function expectSameTables<T extends Record<string, unknown[]>>(actual: T, expected: T): void {
  for (const table of Object.keys(expected)) expect(actual[table], table).toEqual(expected[table]);
}
