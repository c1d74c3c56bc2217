import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../../shared/dates/business-date';
import { isKnownTimeZone, wallClock, zoneOffset } from '../../../shared/dates/zone-time';
import { instantOfLocal, localDateTime } from '../../../shared/collections/guards';

/** Intl's own answer, read field by field: what the kept offsets must reproduce. */
function intlWallClock(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

// Zones with daylight saving, half- and quarter-hour offsets, a 30-minute DST shift and none at all.
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Asia/Urumqi', 'UTC'];

describe('wall clock of an instant in a zone', () => {
  it('matches Intl at any instant from 1950 to 2100, in every kind of zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }), (zone, t) => {
        expect(wallClock(new Date(t), zone)).toBe(intlWallClock(new Date(t), zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches Intl minute by minute across daylight-saving changes (kept spans included)', () => {
    const changes = [
      ['America/New_York', Date.UTC(2026, 2, 8, 6, 0)],
      ['America/New_York', Date.UTC(2026, 10, 1, 5, 0)],
      ['Europe/London', Date.UTC(2026, 2, 29, 0, 30)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 14, 0)],
      ['Pacific/Chatham', Date.UTC(2026, 3, 4, 13, 0)],
    ] as const;
    for (const [zone, around] of changes) {
      // Twice over: first filling the kept offsets, then reading them.
      for (let pass = 0; pass < 2; pass++) {
        for (let t = around - 3 * 3_600_000; t <= around + 3 * 3_600_000; t += 60_000 + pass * 7_000) {
          expect(wallClock(new Date(t), zone), `${zone} ${new Date(t).toISOString()}`).toBe(intlWallClock(new Date(t), zone));
        }
      }
    }
  });

  it('gives the worked offsets and dates', () => {
    expect(zoneOffset('Asia/Shanghai', Date.UTC(2026, 10, 29))).toBe(8 * 3_600_000);
    expect(zoneOffset('Asia/Kathmandu', Date.UTC(2026, 10, 29))).toBe(5.75 * 3_600_000);
    expect(zoneOffset('America/New_York', Date.UTC(2026, 6, 1))).toBe(-4 * 3_600_000);
    expect(zoneOffset('America/New_York', Date.UTC(2026, 0, 1))).toBe(-5 * 3_600_000);
    // 16:30 UTC is already the next day in Shanghai.
    expect(calendarDateIn('Asia/Shanghai', new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29');
    expect(calendarDateIn('Asia/Shanghai', new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(localDateTime(new Date('2026-11-28T13:05:59Z'), 'Asia/Shanghai')).toBe('2026-11-28 21:05');
    expect(instantOfLocal('2026-07-01T08:00', 'America/New_York').toISOString()).toBe('2026-07-01T12:00:00.000Z');
  });

  it('knows real zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('the instant of a wall-clock time', () => {
  /** The instant as first written: formatting the guess through Intl and reading it back, twice. */
  function throughIntl(local: string, zone: string): number {
    const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)!.map(Number) as number[];
    const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
    let guess = wall;
    for (let pass = 0; pass < 2; pass++) {
      const [date, time] = intlWallClock(new Date(guess), zone).split(' ') as [string, string];
      guess += wall - Date.parse(`${date}T${time}:00Z`);
    }
    return guess;
  }

  it('is the instant Intl shows that wall clock at, in every zone, including the hours a change skips or repeats', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1970, 0, 1) / 60_000, max: Date.UTC(2060, 0, 1) / 60_000 }), (zone, minute) => {
        const local = new Date(minute * 60_000).toISOString().slice(0, 16);
        expect(instantOfLocal(local, zone).getTime()).toBe(throughIntl(local, zone));
      }),
      { numRuns: 3000 },
    );
    // New York's spring-forward hour (02:30 does not exist) and fall-back hour (01:30 happens twice).
    for (const local of ['2026-03-08T02:30', '2026-11-01T01:30']) expect(instantOfLocal(local, 'America/New_York').getTime()).toBe(throughIntl(local, 'America/New_York'));
  });
});
