// Dates as the API and the web app take them: YYYY-MM-DD that exist in the calendar. One check for
// both, so `2026-02-30` is refused alike everywhere (JavaScript's Date would roll it into March).
// No imports: the web app's bundle takes this file as it is.

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest period GET /statistics counts. */
export const MAX_STATISTICS_PERIOD_DAYS = 3 * 366;

/** A real day of the calendar written as YYYY-MM-DD (`2024-02-29` is one, `2026-02-30` is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

/** What is wrong with a statistics period, per field, as codes each side words in its own language. */
export type PeriodProblem = 'not-a-date' | 'after-to' | 'too-long';

export function periodProblems(from: string, to: string): { from?: PeriodProblem; to?: PeriodProblem } {
  const problems: { from?: PeriodProblem; to?: PeriodProblem } = {};
  if (!isCalendarDate(from)) problems.from = 'not-a-date';
  if (!isCalendarDate(to)) problems.to = 'not-a-date';
  if (problems.from || problems.to) return problems;
  if (from > to) problems.from = 'after-to';
  else if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > MAX_STATISTICS_PERIOD_DAYS * DAY_MS) problems.to = 'too-long';
  return problems;
}
