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

/** The calendar day `days` after a YYYY-MM-DD one (before it, when negative). */
export const addCalendarDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** How far from today a date of a statistics period may lie: Overbrug has no referrals further back, and none ahead. */
export const MAX_YEARS_FROM_TODAY = 10;

/** What is wrong with a statistics period, per field. */
export type PeriodProblem = 'not-a-date' | 'far-from-today' | 'after-to' | 'too-long';

/** The words for each problem, for the API's problem details and the web app alike (plain Dutch). */
export const PERIOD_PROBLEM_TEXT: Record<'from' | 'to', Record<PeriodProblem, string>> = {
  from: {
    'not-a-date': 'Vul een geldige begindatum in.',
    'far-from-today': `Kies een begindatum die hoogstens ${MAX_YEARS_FROM_TODAY} jaar van vandaag ligt.`,
    'after-to': 'De begindatum ligt na de einddatum.',
    'too-long': 'Kies een periode van hoogstens drie jaar.',
  },
  to: {
    'not-a-date': 'Vul een geldige einddatum in.',
    'far-from-today': `Kies een einddatum die hoogstens ${MAX_YEARS_FROM_TODAY} jaar van vandaag ligt.`,
    'after-to': 'De begindatum ligt na de einddatum.',
    'too-long': 'Kies een periode van hoogstens drie jaar.',
  },
};

/** `today` (YYYY-MM-DD) set: dates more than MAX_YEARS_FROM_TODAY away from it are refused (`9999-12-31`). */
export function periodProblems(from: string, to: string, today?: string): { from?: PeriodProblem; to?: PeriodProblem } {
  const problems: { from?: PeriodProblem; to?: PeriodProblem } = {};
  if (!isCalendarDate(from)) problems.from = 'not-a-date';
  if (!isCalendarDate(to)) problems.to = 'not-a-date';
  if (problems.from || problems.to) return problems;
  if (today !== undefined) {
    const far = (date: string) => Math.abs(Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) > MAX_YEARS_FROM_TODAY * 366 * DAY_MS;
    if (far(from)) problems.from = 'far-from-today';
    if (far(to)) problems.to = 'far-from-today';
    if (problems.from || problems.to) return problems;
  }
  if (from > to) problems.from = 'after-to';
  else if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > MAX_STATISTICS_PERIOD_DAYS * DAY_MS) problems.to = 'too-long';
  return problems;
}

/** A statistics query (`from`, `to`, `gemeente`) as the API and the web app take it. */
export interface StatisticsQueryInput {
  from?: string;
  to?: string;
  gemeente?: string;
}

/**
 * The one check of a statistics query, for GET /statistics and the manager's dashboard: the period
 * (default: the 12 weeks up to `to`, which defaults to today), dates that exist and lie near today,
 * and a gemeente of the region. Problems per field, in plain Dutch.
 */
export function checkStatisticsQuery(
  input: StatisticsQueryInput,
  context: { today: string; gemeenten?: readonly string[] },
): { from: string; to: string; gemeente?: string; errors: { path: 'from' | 'to' | 'gemeente'; message: string }[] } {
  const to = input.to ?? context.today;
  // The last 12 weeks: the week of `to` and the 11 before it (counted from their Mondays).
  const toTime = Date.parse(`${to}T00:00:00Z`);
  const from = input.from ?? (Number.isNaN(toTime) ? '' : new Date(toTime - 11 * 7 * DAY_MS).toISOString().slice(0, 10));
  const problems = periodProblems(from, to, context.today);
  // A default `from` is only wrong because `to` is: that is the one to name.
  if (input.from === undefined && problems.to) delete problems.from;
  const errors: { path: 'from' | 'to' | 'gemeente'; message: string }[] = (['from', 'to'] as const).flatMap((path) => {
    const problem = problems[path];
    return problem ? [{ path, message: PERIOD_PROBLEM_TEXT[path][problem] }] : [];
  });
  if (input.gemeente && context.gemeenten && !context.gemeenten.includes(input.gemeente)) errors.push({ path: 'gemeente', message: 'Kies een gemeente van de regio.' });
  return { from, to, ...(input.gemeente ? { gemeente: input.gemeente } : {}), errors };
}
