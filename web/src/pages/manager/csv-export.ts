// The figures of the dashboard's current view as a CSV file for Dutch Excel: every table the page
// shows, in the page's order, "<5" kept as "<5". Loaded only when the manager downloads.
//
// Dutch Excel reads a CSV with its list separator, which is ";" (the comma is the decimal sign),
// and reads it as UTF-8 only with a byte order mark. So: ";" between fields, a BOM, CRLF line
// ends, decimal commas, no thousands separators. No "sep=;" line: with it Excel ignores the BOM.
import { stringify } from 'csv-stringify/browser/esm/sync';
import { formatDateTime } from '../../components/format.ts';
import { TOO_FEW, type Cell, type DashboardView } from './dashboard-model.ts';

const csvCell = (cell: Cell) => (typeof cell === 'number' ? String(cell).replace('.', ',') : cell);

export function dashboardCsv(view: DashboardView, createdAt: Date): string {
  const { filters, region } = view;
  const records: string[][] = [
    [`Overbrug: cijfers van ${region.name}${region.fictional ? ' (fictieve demogegevens)' : ''}`],
    ['Van', filters.from],
    ['Tot en met', filters.to],
    ['Gemeente', filters.gemeente || 'alle gemeenten'],
    ['Gemaakt op', formatDateTime(createdAt.toISOString())],
    ['Kleine aantallen', `Aantallen onder 5 staan als <5; aandelen en medianen waar minder dan 5 verwijzingen achter staan als "${TOO_FEW}".`],
    [],
    ['Kerncijfers'],
    ['Omschrijving', 'Waarde'],
    ...view.keyFigures.map((figure) => [figure.percent ? `${figure.label} (%)` : figure.label, csvCell(figure.value)]),
  ];
  for (const { table } of view.sections) {
    records.push([], [table.caption], table.columns, ...table.rows.map((row) => row.map(csvCell)));
    if (!table.rows.length && table.empty) records.push([table.empty]);
  }
  return stringify(records, { delimiter: ';', bom: true, record_delimiter: 'windows', escape_formulas: true });
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** `overbrug-cijfers_regio-voorbeeld_2026-09-01_tot_2026-11-23_rivierstad.csv`: the view in the name. */
export const dashboardCsvName = ({ region, filters }: DashboardView) =>
  `overbrug-cijfers_${slug(region.id)}_${filters.from}_tot_${filters.to}_${filters.gemeente ? slug(filters.gemeente) : 'alle-gemeenten'}.csv`;
