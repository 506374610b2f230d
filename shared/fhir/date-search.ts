import { addCalendarDays, isCalendarDate } from '../domain/calendar-date.ts';
import { dutchClockTime, dutchMidnight } from '../domain/dutch-calendar.ts';

// FHIR date search (R4, search.html#date) against an instant such as Task.meta.lastUpdated. A day
// stands for the whole day, on the server's clock: Amsterdam's, the clock of the practices we serve.
// So does a time given without a zone. A time with one is taken as the point it names, not as a
// range of its precision: a poller's `gt<its last lastUpdated>` must not skip the rest of that second.

const DATE_SEARCH = /^(gt|ge|lt|le|eq)?(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:\d{2})?)?$/;

/** The instants a search value stands for, [start, end); a point has start = end. Undefined if it is not a date. */
function rangeOf(day: string, time: string | undefined, zone: string | undefined): { start: number; end: number } | undefined {
  if (!isCalendarDate(day)) return undefined;
  if (time === undefined) return { start: dutchMidnight(day).getTime(), end: dutchMidnight(addCalendarDays(day, 1)).getTime() };
  if (Number.isNaN(Date.parse(`${day}T${time}Z`))) return undefined;
  const at = zone === undefined ? dutchClockTime(`${day}T${time}`).getTime() : Date.parse(`${day}T${time}${zone}`);
  return Number.isNaN(at) ? undefined : { start: at, end: at };
}

/** Whether an instant (ms since the epoch) matches a date search value (`gt2026-12-08`), or undefined for a value that is not one. */
export function dateSearch(value: string): ((instant: number) => boolean) | undefined {
  const match = DATE_SEARCH.exec(value);
  const range = match ? rangeOf(match[2]!, match[3], match[4]) : undefined;
  if (!range) return undefined;
  const { start, end } = range;
  // Against a point "up to its end" includes it; against a day the end is the next day's start.
  const point = start === end;
  switch (match![1] ?? 'eq') {
    case 'gt':
      return point ? (t) => t > end : (t) => t >= end;
    case 'ge':
      return (t) => t >= start;
    case 'lt':
      return (t) => t < start;
    case 'le':
      return point ? (t) => t <= end : (t) => t < end;
    default:
      return point ? (t) => t === start : (t) => t >= start && t < end;
  }
}
