// The manager's dashboard as data: the filters (kept in the address), and every figure of a
// GET /statistics answer as tables (what the page shows, and the CSV holds) and charts (drawn from
// the same numbers). Pure, so the numbers shown can be checked without a browser.
import { addCalendarDays, checkStatisticsQuery } from '#shared/domain/calendar-date.ts';
import type { Count, Statistics } from '#shared/domain/statistics.ts';
import { AGE_BAND_LABELS, AGE_BANDS } from '#shared/domain/referral-stats.ts';
import {
  FRESHNESS_STATE_LABELS,
  freshnessCondition,
  LEVENSDOMEIN_INFO,
  LEVENSDOMEINEN,
  ROUTE_LABELS,
  ROUTES,
  UNMET_NEED_REASON_LABELS,
  UNMET_NEED_REASONS,
  weeks,
} from '#shared/domain/vocabulary.ts';
import { formatDate, todayInNL } from '../../components/format.ts';

/** GET /statistics: the figures, and the region with its gemeenten. */
export type StatisticsAnswer = Statistics & { region: { id: string; name: string; fictional: boolean; gemeenten: string[] } };

/** What the API gives where fewer than 5 referrals stand behind a share or a median. */
export const TOO_FEW = 'te weinig om te tonen (minder dan 5)';
export const SMALL = '<5';
/** A count the API gives as "hidden": not small, but with the total it would give a small one away. */
export const HIDDEN = 'verborgen';
/** The utilisation of a service with 0 places. */
export const NO_PLACES = 'geen plaatsen';

// ---- Filters ----

export interface Filters {
  from: string;
  to: string;
  /** '' for all the region's gemeenten. */
  gemeente: string;
}

export type FilterField = keyof Filters;

export const PERIOD_PRESETS = [
  { id: 'last-4-weeks', label: 'Laatste 4 weken' },
  { id: 'last-12-weeks', label: 'Laatste 12 weken' },
  { id: 'this-year', label: 'Dit jaar' },
  { id: 'last-year', label: 'Vorig jaar' },
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['id'];

/** The Monday a week starts on, as the API's weeks do. */
const mondayOf = (date: string) => addCalendarDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * The dates of a quick choice, as the API counts them: "the last 4 weeks" are this week (up to
 * today) and the 3 before it, from their Monday; 4 days more would be a fifth week.
 */
export function presetPeriod(preset: PeriodPreset, today: string): Pick<Filters, 'from' | 'to'> {
  const year = Number(today.slice(0, 4));
  const lastWeeks = (count: number) => ({ from: addCalendarDays(mondayOf(today), -(count - 1) * 7), to: today });
  switch (preset) {
    case 'last-4-weeks':
      return lastWeeks(4);
    case 'last-12-weeks':
      return lastWeeks(12);
    case 'this-year':
      return { from: `${year}-01-01`, to: today };
    case 'last-year':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

/** The quick choice these dates are, if any (so the page can mark it). */
export const presetOf = (filters: Pick<Filters, 'from' | 'to'>, today: string): PeriodPreset | undefined =>
  PERIOD_PRESETS.find(({ id }) => {
    const period = presetPeriod(id, today);
    return period.from === filters.from && period.to === filters.to;
  })?.id;

/** The view the address asks for (`#/dashboard?from=..&to=..&gemeente=..`); the API's default period where it names none. */
export function filtersFromQuery(query: URLSearchParams, today: string): Filters {
  const fallback = presetPeriod('last-12-weeks', today);
  return { from: query.get('from') ?? fallback.from, to: query.get('to') ?? fallback.to, gemeente: query.get('gemeente') ?? '' };
}

/** The query of a view, for the address and for GET /statistics alike (one name per concept). */
export const filterQuery = (filters: Filters): Record<string, string> => ({ from: filters.from, to: filters.to, ...(filters.gemeente ? { gemeente: filters.gemeente } : {}) });

/** What is wrong with a view, in Dutch, per field; `gemeenten` are the region's, when known. */
export function validateFilters(filters: Filters, gemeenten: readonly string[] | undefined, today = todayInNL()): Partial<Record<FilterField, string>> {
  // The API's own check (shared/domain/calendar-date.ts), with its words.
  const { errors } = checkStatisticsQuery({ from: filters.from, to: filters.to, ...(filters.gemeente ? { gemeente: filters.gemeente } : {}) }, { today, ...(gemeenten ? { gemeenten } : {}) });
  return Object.fromEntries(errors.map((error) => [error.path, error.message]));
}

/** The API's 400 `errors` (English, per query parameter) at the same fields, in Dutch. */
export function filterErrorsOf(errors: readonly { path: string; message: string }[]): Partial<Record<FilterField, string>> {
  const dutch: Record<FilterField, string> = { from: 'De begindatum klopt niet.', to: 'De einddatum of de lengte van de periode klopt niet.', gemeente: 'Kies een gemeente van de regio.' };
  return Object.fromEntries(errors.filter((error) => error.path in dutch).map((error) => [error.path, dutch[error.path as FilterField]]));
}

/** "1 sep 2026 tot en met 23 nov 2026, alle gemeenten". */
export const describeView = (filters: Filters) => `${formatDate(filters.from)} tot en met ${formatDate(filters.to)}, ${filters.gemeente || 'alle gemeenten'}`;

/** The API counts whole weeks or months: when those are not the days asked for, say which were counted and why. */
export function describeCounted(asked: Filters, view: DashboardView): string | undefined {
  if (asked.from === view.filters.from && asked.to === view.filters.to) return undefined;
  const unit = view.bucket === 'month' ? 'hele maanden' : 'hele weken, van maandag tot en met zondag';
  return `U koos ${formatDate(asked.from)} tot en met ${formatDate(asked.to)}; de cijfers tellen ${unit}, zodat twee perioden die een dag verschillen niets over één cliënt verraden.`;
}

// ---- Figures ----

/** A cell: a number, "<5", or words (TOO_FEW among them). */
export type Cell = number | string;

export interface FigureTable {
  caption: string;
  columns: string[];
  /** The first cell of each row names it (a row header). */
  rows: Cell[][];
  /** Shown instead of an empty table. */
  empty?: string;
}

/** One colour and legend entry; `tone` names the colour (`--chart-<tone>` in styles.css). */
export interface ChartSeries {
  tone: string;
  label: string;
  /** `null`: not drawn ("<5", or too few to show). */
  values: (number | null)[];
  /** A line to measure against (a norm), not a figure of the period. */
  reference?: boolean;
}

export interface ChartSpec {
  title: string;
  orientation: 'vertical' | 'horizontal';
  stacked: boolean;
  unit: 'count' | 'percent' | 'days';
  /** Axis labels; an array is one label on several lines. */
  categories: (string | string[])[];
  series: ChartSeries[];
  /** Where the value axis ends at least (100 for a share). */
  max?: number;
}

export interface DashboardSection {
  id: string;
  title: string;
  intro: string;
  charts: ChartSpec[];
  /** What the charts leave out, and why; said under them. */
  notes: string[];
  table: FigureTable;
}

export interface KeyFigure {
  label: string;
  value: Cell;
  percent?: boolean;
  /** The treeknorm list is where this figure's cases are. */
  link?: 'treeknorm';
}

export interface DashboardView {
  region: StatisticsAnswer['region'];
  filters: Filters;
  bucket: 'week' | 'month';
  keyFigures: KeyFigure[];
  sections: DashboardSection[];
}

/** Whether a chart has a bar to draw: a figure above 0 (all zeros, "<5" or too few leave an empty axis). */
export const hasBars = (spec: ChartSpec) => spec.series.some((series) => !series.reference && series.values.some((value) => value !== null && value > 0));

/** The height a count may be drawn at: never one for "<5" or "hidden". */
const drawn = (count: Count | null): number | null => (typeof count === 'number' ? count : null);
const orTooFew = (value: number | null): Cell => value ?? TOO_FEW;
/** A count in a table or the CSV: a number, "<5", or "verborgen". */
const countCell = (count: Count): Cell => (count === 'hidden' ? HIDDEN : count);
const withheld = (count: Count) => typeof count !== 'number';

/**
 * A category whose count is withheld says so on the axis, where its bar would be, on a line of its
 * own. The chart wraps the lines to the room it has (chart-layout.ts).
 */
const categoryOf = (label: string, count: Count | null, tooFew = false): string | string[] => {
  if (count !== null && withheld(count)) return [label, `(${countCell(count)}, niet getekend)`];
  if (tooFew) return [label, '(te weinig om te tonen)'];
  return label;
};

/** Why some counts are not drawn, naming what the chart holds ("<5", "verborgen"); none when all are drawn. */
function withheldNote(counts: readonly Count[]): string[] {
  const small = counts.includes(SMALL);
  const hidden = counts.includes('hidden');
  if (!small && !hidden) return [];
  return [
    [
      small ? 'Aantallen onder 5 staan er als "<5".' : '',
      hidden ? `Bij "${HIDDEN}" is het aantal niet klein, maar samen met het totaal zou het een klein aantal laten zien.` : '',
      `${small && hidden ? 'Die aantallen zijn' : 'Zo’n aantal is'} niet getekend in de grafiek, zodat niemand te herkennen is.`,
      `In de tabel ${small && hidden ? `staan ze als "${SMALL}" en "${HIDDEN}"` : `staat het als "${small ? SMALL : HIDDEN}"`}.`,
    ]
      .filter(Boolean)
      .join(' '),
  ];
}

const monthFormat = new Intl.DateTimeFormat('nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayOf = (date: string) => new Date(`${date}T12:00:00Z`);

function routesOverTime(stats: StatisticsAnswer): DashboardSection {
  const { series, perRoute, total } = stats.referrals;
  const weekly = stats.period.bucket === 'week';
  const rowLabel = (start: string) => (weekly ? formatDate(start) : monthFormat.format(dayOf(start)));
  const tick = (start: string) => (weekly ? shortDayFormat.format(dayOf(start)) : monthFormat.format(dayOf(start)));
  const withheldIn = (bucket: (typeof series)[number]) => ROUTES.map((route) => bucket.routes[route]).filter(withheld);
  const counts = [...series.flatMap((bucket) => [bucket.total, ...ROUTES.map((route) => bucket.routes[route])]), total, ...ROUTES.map((route) => perRoute[route])];
  return {
    id: 'routes',
    title: 'Verwijzingen per route',
    intro: `Hoeveel verwijzingen er ${weekly ? 'per week' : 'per maand'} binnenkwamen, naar de route die de triage koos.`,
    charts: [
      {
        title: `Verwijzingen per route, ${weekly ? 'per week' : 'per maand'}`,
        orientation: 'vertical',
        stacked: true,
        unit: 'count',
        // Under a week with a part left out: which kind ("<5" or "verborgen").
        categories: series.map((bucket) => (withheldIn(bucket).length ? [tick(bucket.start), `(${withheldIn(bucket).includes(SMALL) ? SMALL : HIDDEN})`] : tick(bucket.start))),
        series: ROUTES.map((route) => ({ tone: `route-${route}`, label: ROUTE_LABELS[route], values: series.map((bucket) => drawn(bucket.routes[route])) })),
      },
    ],
    notes: withheldNote(counts).map((note) => `${note} Onder ${weekly ? 'een week' : 'een maand'} waarvan een deel niet getekend is, staat "(<5)" of "(${HIDDEN})".`),
    table: {
      caption: `Verwijzingen per route, ${weekly ? 'per week' : 'per maand'}, en over de hele periode`,
      columns: [weekly ? 'Week van' : 'Maand', 'Totaal', ...ROUTES.map((route) => ROUTE_LABELS[route])],
      rows: [
        ...series.map((bucket) => [rowLabel(bucket.start), countCell(bucket.total), ...ROUTES.map((route) => countCell(bucket.routes[route]))]),
        ['Hele periode', countCell(total), ...ROUTES.map((route) => countCell(perRoute[route]))],
      ],
    },
  };
}

function firstTimeAndRepeat(stats: StatisticsAnswer): DashboardSection {
  const { firstTime, repeat, total } = stats.referrals;
  return {
    id: 'repeat',
    title: 'Eerste keer of opnieuw',
    intro: 'Verwijzingen van cliënten die voor het eerst komen, en van cliënten die al eerder verwezen waren.',
    charts: [
      {
        title: 'Verwijzingen: eerste keer en opnieuw',
        orientation: 'horizontal',
        stacked: false,
        unit: 'count',
        categories: [categoryOf('voor het eerst', firstTime), categoryOf('opnieuw', repeat)],
        series: [{ tone: 'primary', label: 'verwijzingen', values: [drawn(firstTime), drawn(repeat)] }],
      },
    ],
    notes: withheldNote([firstTime, repeat]),
    table: {
      caption: 'Verwijzingen van cliënten die voor het eerst of opnieuw komen',
      columns: ['Cliënt komt', 'Verwijzingen'],
      rows: [
        ['voor het eerst', countCell(firstTime)],
        ['opnieuw', countCell(repeat)],
        ['totaal', countCell(total)],
      ],
    },
  };
}

/** A breakdown of the period's referrals as one horizontal bar chart and its table. */
function breakdownSection(
  id: string,
  title: string,
  intro: string,
  column: string,
  entries: readonly { label: string; count: Count }[],
  note: string[] = [],
): DashboardSection {
  return {
    id,
    title,
    intro,
    charts: [
      {
        title,
        orientation: 'horizontal',
        stacked: false,
        unit: 'count',
        categories: entries.map(({ label, count }) => categoryOf(label, count)),
        series: [{ tone: 'primary', label: 'verwijzingen', values: entries.map(({ count }) => drawn(count)) }],
      },
    ],
    notes: [...note, ...withheldNote(entries.map(({ count }) => count))],
    table: { caption: `${title}, van de verwijzingen in de periode`, columns: [column, 'Verwijzingen'], rows: entries.map(({ label, count }) => [label, countCell(count)]) },
  };
}

function ageBands(stats: StatisticsAnswer): DashboardSection {
  return breakdownSection(
    'ages',
    'Verwijzingen per leeftijdsgroep',
    'De leeftijd van de cliënt bij de verwijzing, in brede groepen, zodat een leeftijd weinig zegt over één cliënt.',
    'Leeftijd',
    AGE_BANDS.map((band) => ({ label: AGE_BAND_LABELS[band], count: stats.referrals.perAgeBand[band] })),
  );
}

function levensdomeinen(stats: StatisticsAnswer): DashboardSection {
  return breakdownSection(
    'domains',
    'Hulpvragen per levensdomein',
    'Op welke levensdomeinen cliënten hulp van professionals vragen.',
    'Levensdomein',
    LEVENSDOMEINEN.map((domain) => ({ label: LEVENSDOMEIN_INFO[domain].label, count: stats.referrals.perLevensdomein[domain] })),
    ['Een verwijzing vraagt vaak hulp op meer dan één levensdomein: de aantallen tellen niet op tot het totaal.'],
  );
}

function waitingTimes(stats: StatisticsAnswer): DashboardSection {
  const { toTriage, toFirstContact, toCare, beyondAanmeldnormNow } = stats.waitingTimes;
  const measures = [
    { label: 'tot het eerste contact', measure: toFirstContact, norm: 'aanmeldnorm' },
    { label: 'tot de start van de zorg', measure: toCare, norm: 'treeknorm' },
  ] as const;
  return {
    id: 'waiting-times',
    title: 'Wachttijden tegen de normen',
    intro: `De verwijzingen van de periode: hoe lang het duurde tot het eerste contact met de cliënt (de aanmeldnorm: binnen ${weeks(toFirstContact.normWeeks)}) en tot de zorg begon, gerekend vanaf het begin van het wachten (de treeknorm: binnen ${weeks(toCare.normWeeks)}). Een mediaan: de helft wachtte korter, de helft langer.`,
    charts: [
      {
        title: 'Mediane wachttijd en de norm, in dagen',
        orientation: 'horizontal',
        stacked: false,
        unit: 'days',
        categories: measures.map(({ label, measure }) => categoryOf(label, null, measure.medianDays === null)),
        series: [
          { tone: 'primary', label: 'mediane wachttijd', values: measures.map(({ measure }) => measure.medianDays) },
          // The norm is weeks in the API; drawn on the same axis as the medians, in days.
          { tone: 'norm', label: 'norm', values: measures.map(({ measure }) => measure.normWeeks * 7), reference: true },
        ],
      },
      {
        title: 'Binnen de norm geholpen, in procenten',
        orientation: 'horizontal',
        stacked: false,
        unit: 'percent',
        max: 100,
        categories: measures.map(({ label, measure }) => categoryOf(label, null, measure.withinNormPercent === null)),
        series: [{ tone: 'primary', label: 'binnen de norm', values: measures.map(({ measure }) => measure.withinNormPercent) }],
      },
    ],
    notes:
      measures.some(({ measure }) => measure.medianDays === null || measure.withinNormPercent === null) || toTriage.medianMinutes === null
        ? [`Medianen en aandelen van minder dan 5 verwijzingen staan er als "${TOO_FEW}" en zijn niet getekend.`]
        : [],
    table: {
      caption: 'Wachttijden van de verwijzingen in de periode, tegen de normen',
      columns: ['Wachttijd', 'Verwijzingen gemeten', 'Mediaan', 'Norm', 'Binnen de norm (%)'],
      rows: [
        ['tot de triage', countCell(toTriage.count), toTriage.medianMinutes === null ? TOO_FEW : `${formatNumber(toTriage.medianMinutes)} minuten`, 'geen', 'niet van toepassing'],
        ...measures.map(({ label, measure, norm }): Cell[] => [
          label,
          countCell(measure.count),
          measure.medianDays === null ? TOO_FEW : `${formatNumber(measure.medianDays)} dagen`,
          `${weeks(measure.normWeeks)} (${norm})`,
          orTooFew(measure.withinNormPercent),
        ]),
        [`nu zonder eerste contact na ${weeks(toFirstContact.normWeeks)} (open verwijzingen)`, countCell(beyondAanmeldnormNow), 'niet van toepassing', `${weeks(toFirstContact.normWeeks)} (aanmeldnorm)`, 'niet van toepassing'],
        ['nu wachtend op de netwerkintake met de cliëntondersteuner', countCell(stats.waitingTimes.awaitingIntakeNow ?? 0), 'niet van toepassing', `${weeks(toFirstContact.normWeeks)} (aanmeldnorm)`, 'niet van toepassing'],
      ],
    },
  };
}

function waitingForGgz(stats: StatisticsAnswer): DashboardSection {
  const now = stats.waitingForGgzNow;
  const treeknorm = stats.waitingTimes.toCare.normWeeks;
  const percent = now.withBridgingPartnerPercent;
  return {
    id: 'bridging',
    title: 'Wachten op ggz, met overbrugging',
    intro: `Nu, in alle open verwijzingen (welke periode ook gekozen is): wie op ggz wacht, hoeveel van hen ${treeknorm} weken of langer, en hoeveel een overbruggingspartner hebben voor de tijd van het wachten.`,
    charts: [
      {
        title: 'Wachtenden op ggz met een overbruggingspartner, in procenten',
        orientation: 'horizontal',
        stacked: false,
        unit: 'percent',
        max: 100,
        categories: [categoryOf('met een overbruggingspartner', null, percent === null)],
        series: [{ tone: 'primary', label: 'met een overbruggingspartner', values: [percent] }],
      },
    ],
    notes: percent === null ? [`Het aandeel staat er als "${TOO_FEW}" en is niet getekend: het is pas te tonen als minstens 5 wachtenden een overbruggingspartner hebben.`] : [],
    table: {
      caption: 'Cliënten die nu op ggz wachten',
      columns: ['Wachtenden op ggz', 'Aantal of aandeel'],
      rows: [
        ['wachten nu op ggz', countCell(now.total)],
        [`waarvan ${treeknorm} weken of langer (boven de treeknorm)`, countCell(now.beyondTreeknorm)],
        ['met een overbruggingspartner', countCell(now.withBridgingPartner)],
        ['met een overbruggingspartner (%)', orTooFew(percent)],
      ],
    },
  };
}

/** The capacity chart shows the busiest services only; the table lists them all. */
export const CAPACITY_CHART_SERVICES = 10;

function capacity(stats: StatisticsAnswer): DashboardSection {
  // Busiest first; services without places (no utilisation to compute) after those, by name.
  const services = [...stats.capacity].sort((a, b) => (b.utilisationPercent ?? -1) - (a.utilisationPercent ?? -1) || a.name.localeCompare(b.name, 'nl'));
  const measured = services.filter((service) => service.utilisationPercent !== null);
  const charted = measured.slice(0, CAPACITY_CHART_SERVICES);
  const withoutPlaces = services.length - measured.length;
  return {
    id: 'capacity',
    title: 'Capaciteit en bezetting per dienst',
    intro: 'De diensten op de sociale kaart met een bekende capaciteit: hoeveel plaatsen er zijn, hoeveel er bezet zijn door cliënten van Overbrug, en de wachttijd die de aanbieder opgeeft.',
    charts: charted.length
      ? [
          {
            title: measured.length > charted.length ? `Bezetting van de ${charted.length} drukste diensten, in procenten` : 'Bezetting per dienst, in procenten',
            orientation: 'horizontal',
            stacked: false,
            unit: 'percent',
            max: 100,
            categories: charted.map((service) => service.name),
            series: [{ tone: 'primary', label: 'bezetting', values: charted.map((service) => service.utilisationPercent) }],
          },
        ]
      : [],
    notes: [
      ...(measured.length > charted.length ? [`De grafiek toont de ${charted.length} drukste van ${measured.length} diensten. De tabel noemt ze allemaal.`] : []),
      ...(withoutPlaces ? [`${withoutPlaces === 1 ? '1 dienst heeft' : `${withoutPlaces} diensten hebben`} nu 0 plaatsen: daar is geen bezetting te berekenen.`] : []),
    ],
    table: {
      caption: 'Capaciteit, bezetting en wachttijd per dienst',
      columns: ['Dienst', 'Organisatie', 'Plaatsen', 'Bezet', 'Bezetting (%)', 'Wachttijd (weken)'],
      // Places and places taken are the service's, not a count of clients: shown as they are.
      rows: services.map((service) => [service.name, service.organisation, service.capacity ?? 'onbekend', service.placesTaken, service.utilisationPercent ?? NO_PLACES, service.waitingWeeks]),
      empty: 'Geen dienst in deze gemeente heeft een bekende capaciteit.',
    },
  };
}

function unmetNeeds(stats: StatisticsAnswer): DashboardSection {
  const reasons = stats.unmetNeedReasons;
  return {
    id: 'unmet',
    title: 'Waarom een hulpvraag onbeantwoord bleef',
    intro: 'Per hulpvraag zonder passend aanbod, of met een uitkomst zonder hulp, de reden die werd vastgelegd (de tien redenen van de landelijke monitor).',
    charts: [
      {
        title: 'Onbeantwoorde hulpvragen per reden',
        orientation: 'horizontal',
        stacked: false,
        unit: 'count',
        categories: UNMET_NEED_REASONS.map((reason) => categoryOf(UNMET_NEED_REASON_LABELS[reason], reasons[reason])),
        series: [{ tone: 'primary', label: 'hulpvragen', values: UNMET_NEED_REASONS.map((reason) => drawn(reasons[reason])) }],
      },
    ],
    notes: withheldNote(UNMET_NEED_REASONS.map((reason) => reasons[reason])),
    table: {
      caption: 'Onbeantwoorde hulpvragen van de verwijzingen in de periode, per reden',
      columns: ['Reden', 'Hulpvragen'],
      rows: UNMET_NEED_REASONS.map((reason) => [UNMET_NEED_REASON_LABELS[reason], countCell(reasons[reason])]),
    },
  };
}

/** The region's freshness months (`PublicRegion.freshness`), to say when an entry is stale. */
export type FreshnessRules = { fullUntilMonths: number; excludeAfterMonths: number };

function staleKaart(stats: StatisticsAnswer, rules: FreshnessRules | undefined): DashboardSection {
  const { rankedDown, excluded } = stats.staleKaartEntries;
  const label = (state: 'ranked-down' | 'excluded') => `${FRESHNESS_STATE_LABELS[state]}${rules ? ` (${freshnessCondition(state, rules)})` : ''}`;
  return {
    id: 'kaart',
    title: 'Verouderde vermeldingen op de sociale kaart',
    intro: 'Actieve diensten die hun aanbieder te lang niet heeft bevestigd: eerst komen ze lager in de matching, later worden ze niet meer aangeboden. De beheerder van de sociale kaart vraagt de aanbieders ze na te kijken.',
    charts: [
      {
        title: 'Verouderde vermeldingen',
        orientation: 'horizontal',
        stacked: false,
        unit: 'count',
        categories: [label('ranked-down'), label('excluded')],
        series: [{ tone: 'attention', label: 'diensten', values: [rankedDown, excluded] }],
      },
    ],
    notes: [],
    table: {
      caption: 'Verouderde vermeldingen op de sociale kaart',
      columns: ['Vermelding', 'Diensten'],
      rows: [
        [label('ranked-down'), rankedDown],
        [label('excluded'), excluded],
      ],
    },
  };
}

/**
 * Everything the dashboard shows of one answer, in the order it shows it; the view is the answer's
 * own period (whole weeks or months) and gemeente.
 */
export function dashboardView(stats: StatisticsAnswer, freshness?: FreshnessRules): DashboardView {
  const waiting = stats.waitingForGgzNow;
  const treeknorm = stats.waitingTimes.toCare.normWeeks;
  const aanmeldnorm = stats.waitingTimes.toFirstContact.normWeeks;
  return {
    region: stats.region,
    filters: { from: stats.period.from, to: stats.period.to, gemeente: stats.period.gemeente ?? '' },
    bucket: stats.period.bucket === 'month' ? 'month' : 'week',
    keyFigures: [
      { label: 'Verwijzingen in de periode', value: countCell(stats.referrals.total) },
      { label: 'waarvan voor het eerst', value: countCell(stats.referrals.firstTime) },
      { label: 'waarvan opnieuw', value: countCell(stats.referrals.repeat) },
      { label: 'Wachten nu op ggz', value: countCell(waiting.total) },
      { label: `waarvan ${treeknorm} weken of langer`, value: countCell(waiting.beyondTreeknorm), link: 'treeknorm' },
      { label: 'met een overbruggingspartner', value: orTooFew(waiting.withBridgingPartnerPercent), percent: waiting.withBridgingPartnerPercent !== null },
      { label: `Nu zonder eerste contact na ${aanmeldnorm} weken`, value: countCell(stats.waitingTimes.beyondAanmeldnormNow) },
    ],
    sections: [routesOverTime(stats), firstTimeAndRepeat(stats), ageBands(stats), levensdomeinen(stats), waitingTimes(stats), waitingForGgz(stats), capacity(stats), unmetNeeds(stats), staleKaart(stats, freshness)],
  };
}

const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, useGrouping: false });

/** 6,5 as a Dutch reader (and Dutch Excel) writes it; no thousands separator, which Excel could misread. */
export const formatNumber = (value: number) => numberFormat.format(value);

/** A cell as the page shows it: numbers the Dutch way, "<5" and words as they are. */
export const displayCell = (cell: Cell) => (typeof cell === 'number' ? formatNumber(cell) : cell);
