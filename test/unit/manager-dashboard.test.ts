import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { statistics, type CountedReferral, type CountedService } from '#shared/domain/statistics.ts';
import { categoryLines, chartHeight, LABEL_LINE_PX, LABEL_SHARE, VALUE_AXIS_PX } from '../../web/src/pages/manager/chart-layout.ts';
import { dashboardCsv, dashboardCsvName } from '../../web/src/pages/manager/csv-export.ts';
import {
  dashboardView,
  describeCounted,
  filtersFromQuery,
  hasBars,
  presetOf,
  presetPeriod,
  TOO_FEW,
  validateFilters,
  type StatisticsAnswer,
} from '../../web/src/pages/manager/dashboard-model.ts';
import { LEVENSDOMEINEN } from '#shared/domain/vocabulary.ts';
import { countedReferral as referral, countedReferralsOf as many, countedService } from '../support/fixtures.ts';

// The manager's dashboard: every figure as the API gives it ("<5" stays "<5", a missing median
// says so), nothing drawn that the API hides, and a CSV that Dutch Excel opens as shown.

const now = new Date('2026-11-23T12:00:00Z');
const region = { id: 'regio-voorbeeld', name: 'Regio Voorbeeld (fictief)', fictional: true, gemeenten: ['Rivierstad', 'Heuvelrand', 'Polderdam'] };
const service = (overrides: Partial<CountedService> = {}) => countedService({ name: 'Schuldhulpmaatje', organisation: 'Welzijn Rivierstad', ...overrides });

function answer(referrals: CountedReferral[], services: CountedService[] = [], gemeente?: string, period = { from: '2026-10-26', to: '2026-11-23' }): StatisticsAnswer {
  return { region, ...statistics(referrals, services, { ...period, ...(gemeente ? { gemeente } : {}), now, treeknormWeeks: 14, firstContactWithinWeeks: 4 }) };
}

const sectionOf = (view: ReturnType<typeof dashboardView>, id: string) => view.sections.find((section) => section.id === id)!;

describe('the dashboard filters', () => {
  it('default to the last 12 weeks, as the API does, and read a shared view from the address', () => {
    expect(filtersFromQuery(new URLSearchParams(), '2026-11-23')).toEqual({ from: '2026-09-07', to: '2026-11-23', gemeente: '' });
    expect(filtersFromQuery(new URLSearchParams('from=2026-01-01&to=2026-03-31&gemeente=Polderdam'), '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-03-31', gemeente: 'Polderdam' });
  });

  it('offer quick choices, and know which one a period is', () => {
    expect(presetPeriod('last-4-weeks', '2026-11-23')).toEqual({ from: '2026-11-02', to: '2026-11-23' });
    expect(presetPeriod('this-year', '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    expect(presetPeriod('last-year', '2026-11-23')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetOf({ from: '2025-01-01', to: '2025-12-31' }, '2026-11-23')).toBe('last-year');
    expect(presetOf({ from: '2025-01-02', to: '2025-12-31' }, '2026-11-23')).toBeUndefined();
  });

  it.each([
    ['last-4-weeks', 4],
    ['last-12-weeks', 12],
  ] as const)('count %s as exactly that many weeks, the last one ending today, on any day of the week', (preset, weeks) => {
    // Monday 23 November to Sunday 29 November 2026.
    for (let day = 23; day <= 29; day++) {
      const today = `2026-11-${day}`;
      const chosen = presetPeriod(preset, today);
      const stats = { region, ...statistics([], [], { ...chosen, now: new Date(`${today}T12:00:00Z`), treeknormWeeks: 14, firstContactWithinWeeks: 4 }) };
      expect(stats.referrals.series, today).toHaveLength(weeks);
      const view = dashboardView(stats);
      // The days shown are the days chosen: nothing in the future, and no "the figures count other days".
      expect(view.filters, today).toEqual({ ...chosen, gemeente: '' });
      expect(chosen.to).toBe(today);
      expect(describeCounted({ ...chosen, gemeente: '' }, view)).toBeUndefined();
      expect(presetOf(view.filters, today)).toBe(preset);
    }
  });

  it('say in Dutch, per field, what is wrong with a period or gemeente', () => {
    expect(validateFilters({ from: '2026-02-30', to: '2026-03-01', gemeente: '' }, region.gemeenten)).toEqual({ from: 'Vul een geldige begindatum in.' });
    expect(validateFilters({ from: '2026-03-02', to: '2026-03-01', gemeente: 'Nergenshuizen' }, region.gemeenten)).toEqual({
      from: 'De begindatum ligt na de einddatum.',
      gemeente: 'Kies een gemeente van de regio.',
    });
    expect(validateFilters({ from: '2020-01-01', to: '2026-03-01', gemeente: '' }, region.gemeenten)).toEqual({ to: 'Kies een periode van hoogstens drie jaar.' });
    expect(validateFilters({ from: '2026-01-01', to: '2026-03-01', gemeente: 'Polderdam' }, region.gemeenten)).toEqual({});
  });
});

describe('the dashboard figures', () => {
  const view = dashboardView(answer([...many(6, { route: 'social-domain' }), referral({ route: 'basic-ggz' }), referral({ route: 'combined', repeat: true })], [service(), service({ serviceId: 's-2', name: 'Maatje', placesTaken: 2 })]));

  it('keep every count under 5 as "<5", and one that would give it away as "verborgen", in the tables, and never draw them', () => {
    const routes = sectionOf(view, 'routes');
    const whole = routes.table.rows.at(-1)!;
    expect(routes.table.columns.slice(0, 2)).toEqual(['Week van', 'Totaal']);
    expect(whole).toEqual(['Hele periode', 8, 0, 0, '<5', 6, '<5', 0]);
    const chart = routes.charts[0]!;
    const series = (label: string) => chart.series.find((entry) => entry.label === label)!.values;
    const week = chart.categories.findIndex((category) => Array.isArray(category) && category[1] === '(<5)');
    expect(week).toBeGreaterThanOrEqual(0);
    expect(series('basis-ggz')[week]).toBeNull();
    expect(series('sociaal domein')[week]).toBe(6);
    expect(routes.notes.join(' ')).toContain('niet getekend');

    // Seven first-time and one repeat referral: with the total, the seven would give the one away.
    const repeat = sectionOf(view, 'repeat');
    expect(repeat.table.rows).toEqual([
      ['voor het eerst', 'verborgen'],
      ['opnieuw', '<5'],
      ['totaal', 8],
    ]);
    expect(repeat.charts[0]!.series[0]!.values).toEqual([null, null]);
    expect(repeat.charts[0]!.categories).toEqual([
      ['voor het eerst', '(verborgen, niet getekend)'],
      ['opnieuw', '(<5, niet getekend)'],
    ]);
    expect(hasBars(repeat.charts[0]!)).toBe(false);
    expect(repeat.notes).toEqual([
      'Aantallen onder 5 staan er als "<5". Bij "verborgen" is het aantal niet klein, maar samen met het totaal zou het een klein aantal laten zien. ' +
        'Die aantallen zijn niet getekend in de grafiek, zodat niemand te herkennen is. In de tabel staan ze als "<5" en "verborgen".',
    ]);
    expect(view.keyFigures.slice(0, 3).map((figure) => figure.value)).toEqual([8, 'verborgen', '<5']);
  });

  it('say "te weinig om te tonen (minder dan 5)" where the API gives no median or share, and draw no empty chart', () => {
    const waiting = sectionOf(view, 'waiting-times');
    expect(waiting.table.rows[1]).toEqual(['tot het eerste contact', 0, TOO_FEW, '4 weken (aanmeldnorm)', TOO_FEW]);
    expect(waiting.charts.map(hasBars)).toEqual([false, false]);
    expect(view.keyFigures.find((figure) => figure.label === 'met een overbruggingspartner')).toMatchObject({ value: TOO_FEW, percent: false });
  });

  it('say of every count it leaves out of a chart that it is not drawn (never that it is)', () => {
    const small = dashboardView(answer([...many(6, { ageBand: '18-25', needDomains: ['finances'] }), ...many(2, { ageBand: '65+', needDomains: ['housing'] })]));
    const notes = small.sections.flatMap((section) => section.notes).filter((note) => note.includes('getekend'));
    expect(notes.length).toBeGreaterThanOrEqual(3);
    for (const note of notes) expect(note).not.toMatch(/(?<!niet )getekend/);
    expect(sectionOf(small, 'domains').notes.at(-1)).toBe(
      'Aantallen onder 5 staan er als "<5". Zo’n aantal is niet getekend in de grafiek, zodat niemand te herkennen is. In de tabel staat het als "<5".',
    );
  });

  it('show each service’s places and places taken as they are, small or not: a service’s occupancy, no count of clients', () => {
    const capacity = sectionOf(view, 'capacity');
    expect(capacity.table.rows).toEqual([
      ['Schuldhulpmaatje', 'Welzijn Rivierstad', 20, 6, 30, 2],
      ['Maatje', 'Welzijn Rivierstad', 20, 2, 10, 2],
    ]);
    expect(capacity.charts[0]!.categories).toEqual(['Schuldhulpmaatje', 'Maatje']);
    expect(capacity.notes).toEqual([]);
    expect(JSON.stringify(capacity.table.rows)).not.toContain(TOO_FEW);
    // The client counts around it stay as they were.
    expect(sectionOf(view, 'repeat').table.rows[1]).toEqual(['opnieuw', '<5']);

    // Many services: the chart shows the busiest, the table all; a service without places has no utilisation.
    const services = [...Array.from({ length: 12 }, (_, index) => service({ serviceId: `s-${index}`, name: `Dienst ${index}`, placesTaken: index })), service({ serviceId: 'none', name: 'Zonder plaatsen', capacity: 0, placesTaken: 0 })];
    const many12 = sectionOf(dashboardView(answer([], services)), 'capacity');
    expect(many12.charts[0]!.title).toBe('Bezetting van de 10 drukste diensten, in procenten');
    expect(many12.charts[0]!.categories).toEqual(['Dienst 11', 'Dienst 10', 'Dienst 9', 'Dienst 8', 'Dienst 7', 'Dienst 6', 'Dienst 5', 'Dienst 4', 'Dienst 3', 'Dienst 2']);
    expect(many12.table.rows).toHaveLength(13);
    expect(many12.table.rows.at(-1)).toEqual(['Zonder plaatsen', 'Welzijn Rivierstad', 0, 0, 'geen plaatsen', 2]);
    expect(many12.notes).toEqual(['De grafiek toont de 10 drukste van 12 diensten. De tabel noemt ze allemaal.', '1 dienst heeft nu 0 plaatsen: daar is geen bezetting te berekenen.']);
  });

  it('name the view by the answer: the whole weeks it counted, up to today, and its gemeente', () => {
    const asked = { from: '2026-10-28', to: '2026-11-18' };
    const polderdam = dashboardView(answer(many(6, { gemeente: 'Polderdam' }), [], 'Polderdam', asked));
    expect(polderdam.filters).toEqual({ from: '2026-10-26', to: '2026-11-22', gemeente: 'Polderdam' });
    expect(polderdam.keyFigures[0]).toEqual({ label: 'Verwijzingen in de periode', value: 6 });
    expect(describeCounted({ ...asked, gemeente: 'Polderdam' }, polderdam)).toBe(
      'U koos 28 okt 2026 tot en met 18 nov 2026; de cijfers tellen hele weken, van maandag tot en met zondag, zodat twee perioden die een dag verschillen niets over één cliënt verraden.',
    );
    // This week counts up to today (Monday 23 November), not to its Sunday.
    expect(dashboardView(answer([], [], undefined, { from: '2026-10-28', to: '2026-11-25' })).filters).toEqual({ from: '2026-10-26', to: '2026-11-23', gemeente: '' });
    expect(describeCounted(polderdam.filters, polderdam)).toBeUndefined();
  });

  it('say when an entry of the sociale kaart is stale with the region\'s months', () => {
    const kaart = sectionOf(dashboardView(answer([], [service({ freshness: 'excluded' })]), { fullUntilMonths: 6, excludeAfterMonths: 9 }), 'kaart');
    expect(kaart.table.rows).toEqual([
      ['lager gerangschikt (langer dan 6 maanden niet bevestigd)', 0],
      ['niet meer aangeboden (9 maanden of langer niet bevestigd)', 1],
    ]);
  });
});

describe('the charts’ axis labels', () => {
  // About the width of the app's 13 px sans-serif (DejaVu Sans, the widest of the usual ones).
  const measure = (text: string) => text.length * 7.5;
  // Most levensdomeinen withheld: the longest labels, each with "(<5, niet getekend)".
  const domains = sectionOf(dashboardView(answer([...many(6, { needDomains: ['finances', 'housing'] }), ...many(2, { needDomains: [...LEVENSDOMEINEN] })])), 'domains').charts[0]!;

  it.each([
    ['a phone', 343],
    ['a desktop', 544],
  ])('stay readable on %s: wrapped to the room for labels, and each category as high as the tallest label, so none overlap', (_, width) => {
    const lines = categoryLines(domains, width, measure);
    expect(lines).toHaveLength(13);
    // Nothing is lost in the wrapping.
    expect(lines.map((label) => label.join(' '))).toEqual(domains.categories.map((category) => [category].flat().join(' ')));
    for (const line of lines.flat()) expect(measure(line), line).toBeLessThanOrEqual(width * LABEL_SHARE);
    const tallest = Math.max(...lines.map((label) => label.length));
    expect(tallest).toBeGreaterThan(1);
    expect((chartHeight(domains, lines) - VALUE_AXIS_PX) / lines.length).toBeGreaterThanOrEqual(tallest * LABEL_LINE_PX);
  });

  it('leave the weeks under the route chart as they are', () => {
    const routes = sectionOf(dashboardView(answer([...many(6), referral({ route: 'basic-ggz' })])), 'routes').charts[0]!;
    expect(categoryLines(routes, 343, measure)).toEqual(routes.categories.map((category) => [category].flat()));
  });
});

describe('the CSV export', () => {
  const stats = answer(
    [...many(6, { firstContactAt: '2026-11-20' }), referral({ route: 'basic-ggz' }), referral({ route: 'combined' })],
    [service()],
    'Rivierstad',
  );
  const view = dashboardView(stats);
  const csv = dashboardCsv(view, now);
  const records = parse(csv, { delimiter: ';', bom: true, relax_column_count: true }) as string[][];

  it('opens in Dutch Excel: a byte order mark, semicolons, Windows line ends, decimal commas', () => {
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain('\r\n');
    const median = records.find((record) => record[0] === 'tot het eerste contact')!;
    expect(median[2]).toBe(`${stats.waitingTimes.toFirstContact.medianDays!.toString().replace('.', ',')} dagen`);
  });

  it('names the view in its first lines and in its file name', () => {
    // The days counted (whole weeks), not the days asked for.
    expect(records.slice(0, 4)).toEqual([['Overbrug: cijfers van Regio Voorbeeld (fictief) (fictieve demogegevens)'], ['Van', '2026-10-26'], ['Tot en met', '2026-11-23'], ['Gemeente', 'Rivierstad']]);
    expect(dashboardCsvName(view)).toBe('overbrug-cijfers_regio-voorbeeld_2026-10-26_tot_2026-11-23_rivierstad.csv');
    const earlier = dashboardView(answer([], [], undefined, { from: '2026-10-28', to: '2026-11-18' }));
    expect(dashboardCsvName(earlier)).toBe('overbrug-cijfers_regio-voorbeeld_2026-10-26_tot_2026-11-22_alle-gemeenten.csv');
  });

  it('holds every table the page shows, with "<5" kept as "<5"', () => {
    for (const { table } of view.sections) {
      const at = records.findIndex((record) => record[0] === table.caption);
      expect(at, table.caption).toBeGreaterThan(0);
      expect(records[at + 1]).toEqual(table.columns);
      expect(records.slice(at + 2, at + 2 + table.rows.length)).toEqual(table.rows.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell).replace('.', ',') : cell))));
    }
    expect(records.find((record) => record[0] === 'Hele periode')).toEqual(['Hele periode', '8', '0', '0', '<5', '6', '<5', '0']);
    expect(records).toContainEqual(['Verwijzingen in de periode', '8']);
  });

  it('does not let a name on the sociale kaart become a formula in Excel', () => {
    const formula = dashboardCsv(dashboardView(answer([], [service({ name: '=HYPERLINK("http://example.org")' })])), now);
    const rows = parse(formula, { delimiter: ';', bom: true, relax_column_count: true }) as string[][];
    expect(rows.find((record) => record[1] === 'Welzijn Rivierstad')![0]).toBe(`'=HYPERLINK("http://example.org")`);
  });
});
