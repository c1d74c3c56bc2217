/** Calendar date (YYYY-MM-DD) of an instant in the office's time zone. */
export function calendarDateIn(timeZone: string, instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

export const DEFAULT_OFFICE_TIME_ZONE = 'Asia/Shanghai';
