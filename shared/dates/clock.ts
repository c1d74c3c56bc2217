/**
 * The clock. Rules read the business date; services read the instant their runtime was given (`now`).
 * This file is the only place that reads the wall clock (a lint rule keeps it so), so a test that pins
 * the clock pins everything that depends on it, whatever date the machine thinks it is.
 */
export type Clock = () => Date;

/** The machine's clock: the default of the app, the host and the CLI, never of a test. */
// eslint-disable-next-line no-restricted-syntax -- the one sanctioned wall-clock read
export const systemClock: Clock = () => new Date();

/**
 * A clock that starts at `start` and runs at the pace of the monotonic clock: instants keep their
 * order and spacing (audit entries, session idle time) while the date stays where it was pinned.
 */
export function clockFrom(start: Date): Clock {
  const origin = performance.now();
  const startMs = start.getTime();
  return () => new Date(startMs + (performance.now() - origin));
}
