/**
 * The calendar of a billing transfer, as AWS Organizations enforces it. Every instant is UTC
 * (Date.UTC), whatever the machine's time zone: a transfer starts at 00:00:00.000 on the first
 * day of a month (START_DATE_NOT_BEGINNING_OF_MONTH / _OF_DAY) and a withdrawal ends at
 * 23:59:59.999 on the last day of a month (END_DATE_NOT_END_OF_MONTH).
 *
 * AWS words the acceptance deadline two ways ("24 hours before" the start, and "April 29th
 * 11:59:59 PM UTC" for a May 1st start); payerfleet keeps the stricter: the invitation must be
 * accepted before 00:00 UTC on the last day of the month before the start.
 */

/** A calendar month as the inventory writes it: `YYYY-MM`. */
export type Month = `${number}-${number}`;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `text` is a month written `YYYY-MM` (a real month: 01-12, years 1970-9999). */
export function isMonth(text: string): text is Month {
  const m = MONTH.exec(text);
  return m !== null && Number(m[1]) >= 1970;
}

function parts(month: Month): [year: number, monthIndex: number] {
  const m = MONTH.exec(month);
  if (m === null) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return [Number(m[1]), Number(m[2]) - 1];
}

function format(year: number, monthIndex: number): Month {
  const d = new Date(Date.UTC(year, monthIndex, 1));
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}` as Month;
}

/** The month an instant falls in, in UTC. */
export function monthOf(instant: Date): Month {
  return format(instant.getUTCFullYear(), instant.getUTCMonth());
}

/** The month `count` months after `month` (before it when negative). */
export function addMonths(month: Month, count: number): Month {
  const [year, index] = parts(month);
  return format(year, index + count);
}

/** When a transfer that starts in `month` takes effect: 00:00:00.000 UTC on its first day. */
export function transferStart(month: Month): Date {
  const [year, index] = parts(month);
  return new Date(Date.UTC(year, index, 1));
}

/** The last instant the customer may accept an invitation for a start in `month`. */
export function acceptanceDeadline(month: Month): Date {
  const [year, index] = parts(month);
  // Day 0 of a month is the last day of the month before it.
  return new Date(Date.UTC(year, index, 0));
}

/** When a withdrawal that ends with `month` takes effect: 23:59:59.999 UTC on its last day. */
export function withdrawalEnd(month: Month): Date {
  const [year, index] = parts(month);
  return new Date(Date.UTC(year, index + 1, 1) - 1);
}

/** Whether an invitation sent at `now` for a start in `month` can still be accepted in time. */
export function canStartIn(month: Month, now: Date): boolean {
  return now.getTime() < acceptanceDeadline(month).getTime();
}

/** The first month an invitation sent at `now` can start in. */
export function earliestStart(now: Date): Month {
  const next = addMonths(monthOf(now), 1);
  return canStartIn(next, now) ? next : addMonths(next, 1);
}

/** The month a withdrawal asked for at `now` ends with at the earliest: the current one. */
export function earliestWithdrawal(now: Date): Month {
  return monthOf(now);
}

/** Whether `instant` is a valid transfer start: the first instant of a month. */
export function isMonthStart(instant: Date): boolean {
  return instant.getTime() === transferStart(monthOf(instant)).getTime();
}

/** Whether `instant` is a valid withdrawal end: the last millisecond of a month. */
export function isMonthEnd(instant: Date): boolean {
  return instant.getTime() === withdrawalEnd(monthOf(instant)).getTime();
}

/** An instant as payerfleet prints it: ISO 8601 in UTC, to the second. */
export function utc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, (ms) => (ms === ".000Z" ? "Z" : ms));
}
