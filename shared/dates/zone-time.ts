/**
 * Wall-clock time of an instant in an IANA time zone. Intl does the zone rules, but asking it for every
 * contact, payment or business date of a bulk load costs more than the load's writes, so each zone's UTC
 * offset is kept per hour: no zone changes its offset twice within an hour. An hour in which it changes
 * (its two ends disagree) is never kept and each instant in it goes to Intl, so the answer is Intl's own.
 */
const SPAN = 60 * 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // Building a formatter is slow (and throws on an unknown zone), so one per zone is kept.
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23', era: 'short' });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds to add to UTC to read the zone's wall clock at `epochMs`, as Intl computes it. */
function offsetFromIntl(timeZone: string, epochMs: number): number {
  const fields: Record<string, number> = {};
  let bce = false;
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type === 'era') bce = part.value === 'BC';
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = bce ? 1 - fields.year! : fields.year!;
  const wall = new Date(0);
  wall.setUTCFullYear(year, fields.month! - 1, fields.day!);
  wall.setUTCHours(fields.hour!, fields.minute!, fields.second!, 0);
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wall.getTime() - whole;
}

/** The zone's offset from UTC at `epochMs`, in milliseconds. */
export function zoneOffset(timeZone: string, epochMs: number): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const span = Math.floor(epochMs / SPAN);
  const kept = zone.get(span);
  if (kept !== undefined) return kept;
  const start = offsetFromIntl(timeZone, span * SPAN);
  const end = offsetFromIntl(timeZone, span * SPAN + SPAN - 1000);
  if (start !== end) return offsetFromIntl(timeZone, epochMs);
  // Bounded: a long-running app sees a few hundred spans a month at most.
  if (zone.size > 200_000) zone.clear();
  zone.set(span, start);
  return start;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "YYYY-MM-DD HH:mm" of an instant in a time zone (seconds dropped, as a clock shows it). */
export function wallClock(instant: Date, timeZone: string): string {
  const t = instant.getTime();
  const local = new Date(t + zoneOffset(timeZone, t));
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
