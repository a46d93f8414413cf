import { DateTime, IANAZone } from 'luxon';
import { TandemError } from '../domain/errors.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import type { BusinessHoursFile } from './contact-policy-schema.js';

const WEEKDAY_NUMBER = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;
/** Ten years of days: past that a deadline is a configuration mistake, not a date. */
const MAX_DAYS = 3660;

/**
 * Working hours in a time zone (Luxon does the zone and daylight-saving arithmetic): an SLA of
 * 8 business hours handed over on Friday at 16:00 is due on Monday at 15:00.
 */
export function businessCalendar(hours: BusinessHoursFile, file: string): WorkCalendar {
  if (!IANAZone.isValidZone(hours.timezone)) {
    throw new TandemError('CONFIG_INVALID', `${file}: firstTouch.businessHours.timezone "${hours.timezone}" is not an IANA time zone (e.g. Europe/Berlin)`, {
      place: { file, field: 'firstTouch.businessHours.timezone' },
    });
  }
  const zone = hours.timezone;
  const days = new Set<number>(hours.days.map((d) => WEEKDAY_NUMBER[d]));
  const [fh, fm] = hours.from.split(':').map(Number) as [number, number];
  const [th, tm] = hours.to.split(':').map(Number) as [number, number];
  const window = (day: DateTime): { start: DateTime; end: DateTime } | null =>
    days.has(day.weekday)
      ? { start: day.set({ hour: fh, minute: fm, second: 0, millisecond: 0 }), end: day.set({ hour: th, minute: tm, second: 0, millisecond: 0 }) }
      : null;
  const local = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);

  return Object.freeze({
    label: `business ${zone} ${hours.days.join(',')} ${hours.from}-${hours.to}`,
    addHours(fromIso: string, h: number): string {
      let cursor = local(fromIso);
      let remainingMs = h * 3_600_000;
      for (let i = 0; i < MAX_DAYS; i++) {
        const w = window(cursor);
        if (w) {
          if (cursor < w.start) cursor = w.start;
          if (cursor < w.end) {
            const available = w.end.toMillis() - cursor.toMillis();
            if (remainingMs <= available) return cursor.plus({ milliseconds: remainingMs }).toUTC().toISO()!;
            remainingMs -= available;
          }
        }
        cursor = cursor.startOf('day').plus({ days: 1 });
      }
      throw new TandemError('CONFIG_INVALID', `${file}: business hours leave no time to meet an SLA of ${h} hours`, { place: { file } });
    },
    hoursBetween(fromIso: string, toIso: string): number {
      const end = local(toIso);
      let cursor = local(fromIso);
      let ms = 0;
      for (let i = 0; i < MAX_DAYS && cursor < end; i++) {
        const w = window(cursor);
        if (w) {
          const a = cursor > w.start ? cursor : w.start;
          const b = end < w.end ? end : w.end;
          if (b > a) ms += b.toMillis() - a.toMillis();
        }
        cursor = cursor.startOf('day').plus({ days: 1 });
      }
      return ms / 3_600_000;
    },
  });
}
