/**
 * How SLA hours are counted: plain clock hours, or only working hours (a business calendar
 * built from the contact policy's time zone and hours, outside the domain).
 */
export interface WorkCalendar {
  /** Shown in reports and versions, e.g. `clock` or `business Europe/Berlin mon-fri 09:00-17:00`. */
  readonly label: string;
  /** The time `hours` working hours after `fromIso` (UTC ISO). */
  addHours(fromIso: string, hours: number): string;
  /** Working hours between two times (0 when `toIso` is not after `fromIso`). */
  hoursBetween(fromIso: string, toIso: string): number;
}

const HOUR_MS = 3_600_000;

/** Every hour counts: the default when a policy names no business hours. */
export const CLOCK_HOURS: WorkCalendar = Object.freeze({
  label: 'clock',
  addHours: (fromIso: string, hours: number) => new Date(Date.parse(fromIso) + hours * HOUR_MS).toISOString(),
  hoursBetween: (fromIso: string, toIso: string) => Math.max(0, (Date.parse(toIso) - Date.parse(fromIso)) / HOUR_MS),
});

/** `days` whole days after a time (calendar days: cadence steps are planned by the day). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 24 * HOUR_MS).toISOString();
}

/** Hours between two times, on the clock. */
export function clockHoursBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / HOUR_MS;
}
