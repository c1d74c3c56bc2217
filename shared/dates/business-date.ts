/** Calendar date (YYYY-MM-DD) of an instant in the office's time zone. */
import { wallClock } from './zone-time';

export function calendarDateIn(timeZone: string, instant: Date): string {
  return wallClock(instant, timeZone).slice(0, 10);
}

export const DEFAULT_OFFICE_TIME_ZONE = 'Asia/Shanghai';
