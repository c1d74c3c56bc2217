/** Calendar date (YYYY-MM-DD) of an instant in the office's time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function calendarDateIn(timeZone: string, instant: Date): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD; building a formatter is slow, so one per zone is kept.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}

export const DEFAULT_OFFICE_TIME_ZONE = 'Asia/Shanghai';
