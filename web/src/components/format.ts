// Dates as Dutch readers expect them, in Dutch time, whatever the browser's zone.
const TIME_ZONE = 'Europe/Amsterdam';
const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: TIME_ZONE });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
const languageNames = new Intl.DisplayNames(['nl'], { type: 'language' });

/** "3 nov 2026" from an ISO instant or an ISO date (a date is read as that calendar day). */
export function formatDate(value: string): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(instant.getTime()) ? value : dateFormat.format(instant);
}

/** "3 nov 2026 14:05". */
export function formatDateTime(value: string): string {
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : dateTimeFormat.format(instant);
}

/** "Arabisch" for "ar"; the code itself when the browser does not know it. */
export function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Today's date in the Netherlands, as YYYY-MM-DD (what date fields and the API use). */
export function todayInNL(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
}

/** "Financiële situatie" for "financiële situatie": a label that starts a line. */
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
