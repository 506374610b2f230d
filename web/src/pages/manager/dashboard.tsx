import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { todayInNL } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page, Section } from '../../components/page.tsx';
import { href, type PageProps } from '../../routing.ts';
import { BarChart, loadCharting } from './bar-chart.tsx';
import {
  dashboardView,
  describeCounted,
  describeView,
  displayCell,
  filterErrorsOf,
  filterQuery,
  filtersFromQuery,
  hasBars,
  HIDDEN,
  PERIOD_PRESETS,
  presetOf,
  presetPeriod,
  SMALL,
  validateFilters,
  type DashboardView,
  type FilterField,
  type Filters,
  type PeriodPreset,
  type StatisticsAnswer,
} from './dashboard-model.ts';
import { FigureTableView } from './figure-table.tsx';

/**
 * Shows a view: its filters go into the address, so a link to it shows the same (signed out too:
 * the app signs in and comes back to a page's address, `#/dashboard?..`, not to the home's `#/?..`).
 */
function showView(filters: Filters) {
  location.hash = href('/dashboard', filterQuery(filters));
}

function FilterForm({ applied, gemeenten, today, errors: shownErrors, onApply }: { applied: Filters; gemeenten: readonly string[]; today: string; errors: Partial<Record<FilterField, string>>; onApply: (filters: Filters) => void }) {
  const [draft, setDraft] = useState(applied);
  const [errors, setErrors] = useState(shownErrors);
  // Back and forward in the browser change the view: the form follows.
  useEffect(() => {
    setDraft(applied);
    setErrors(shownErrors);
  }, [applied.from, applied.to, applied.gemeente, JSON.stringify(shownErrors)]);
  const apply = (filters: Filters) => {
    const problems = validateFilters(filters, gemeenten);
    setErrors(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      // The field to fix takes the focus; its error is tied to it (aria-describedby).
      document.getElementById(`filter-${first}`)?.focus();
      return;
    }
    onApply(filters);
  };
  const preset = presetOf(applied, today);
  return (
    <form
      class="dashboard-filters"
      aria-label="Periode en gemeente"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <div class="filter-presets" role="group" aria-label="Snelkeuze voor de periode">
        {PERIOD_PRESETS.map(({ id, label }) => (
          <Button key={id} variant="secondary" aria-pressed={preset === id ? 'true' : 'false'} onClick={() => apply({ ...draft, ...presetPeriod(id as PeriodPreset, today) })}>
            {label}
          </Button>
        ))}
      </div>
      <div class="filter-fields">
        <TextField id="filter-from" label="Van" type="date" width="s" value={draft.from} error={errors.from} max={draft.to || undefined} onInput={(event) => setDraft({ ...draft, from: event.currentTarget.value })} />
        <TextField id="filter-to" label="Tot en met" type="date" width="s" value={draft.to} error={errors.to} min={draft.from || undefined} onInput={(event) => setDraft({ ...draft, to: event.currentTarget.value })} />
        <SelectField
          id="filter-gemeente"
          label="Gemeente"
          width="s"
          placeholder="Alle gemeenten"
          options={gemeenten.map((name) => ({ value: name, label: name }))}
          value={draft.gemeente}
          error={errors.gemeente}
          onChange={(gemeente) => setDraft({ ...draft, gemeente })}
        />
        <div class="filter-submit">
          <Button type="submit">Cijfers tonen</Button>
        </div>
      </div>
    </form>
  );
}

function KeyFigures({ view }: { view: DashboardView }) {
  return (
    <dl class="key-figures" aria-label="Kerncijfers">
      {view.keyFigures.map((figure) => (
        <div class="key-figure" key={figure.label}>
          <dt>{figure.label}</dt>
          <dd>
            <span class={typeof figure.value === 'number' || figure.value === SMALL || figure.value === HIDDEN ? 'key-figure-value' : 'key-figure-value key-figure-words'}>
              {displayCell(figure.value)}
              {figure.percent ? '%' : ''}
            </span>
            {figure.link === 'treeknorm' ? (
              <a class="key-figure-link" href={href('/treeknorm')}>
                Naar de lijst<span class="visually-hidden"> van zaken boven de treeknorm</span>
              </a>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

async function downloadCsv(view: DashboardView) {
  const { dashboardCsv, dashboardCsvName } = await import('./csv-export.ts');
  const url = URL.createObjectURL(new Blob([dashboardCsv(view, new Date())], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = dashboardCsvName(view);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The manager's home: the region's figures for a period and gemeente, as charts and tables, and as CSV. */
export default function Dashboard({ query }: PageProps) {
  const { region } = useApp();
  const today = todayInNL();
  const search = query.toString();
  const filters = useMemo(() => filtersFromQuery(query, today), [search, today]);
  const knownGemeenten = region?.gemeenten.map((gemeente) => gemeente.name);
  const invalid = validateFilters(filters, knownGemeenten);
  const valid = Object.keys(invalid).length === 0;
  const [exportFailed, setExportFailed] = useState<string | undefined>(undefined);

  // The chart library loads while the figures do.
  useEffect(() => {
    void loadCharting().catch(() => undefined);
  }, []);
  const stats = useResource<StatisticsAnswer | null>(
    (signal) => (valid ? api<StatisticsAnswer>('GET', `/statistics?${new URLSearchParams(filterQuery(filters))}`, { signal }) : Promise.resolve(null)),
    [filters.from, filters.to, filters.gemeente, valid],
  );
  const data = stats.state === 'ready' ? stats.data : null;
  const view = useMemo(() => (data ? dashboardView(data, region?.freshness) : undefined), [data]);
  const counted = view && describeCounted(filters, view);
  const gemeenten = data?.region.gemeenten ?? knownGemeenten ?? [];
  const apiErrors = stats.state === 'failed' && stats.error instanceof ApiProblem && stats.error.status === 400 ? filterErrorsOf(stats.error.errors) : {};
  const busy = stats.state === 'loading' || (stats.state === 'ready' && stats.refreshing);

  return (
    <Page
      title="Dashboard"
      busy={busy}
      actions={
        <Button
          variant="secondary"
          busy={!view || busy}
          busyLabel="Cijfers downloaden (CSV)"
          onClick={() => {
            setExportFailed(undefined);
            if (view) downloadCsv(view).catch((error: unknown) => setExportFailed(describeFailure(error)));
          }}
        >
          Cijfers downloaden (CSV)
        </Button>
      }
    >
      <p class="lead">
        Verwijzingen, wachttijden en aanbod in {data?.region.name ?? region?.name ?? 'uw regio'}: alleen totalen, nooit een cliënt. Aantallen onder 5 staan als
        “&lt;5”, zodat niemand herkenbaar wordt.
      </p>
      <FilterForm applied={filters} gemeenten={gemeenten} today={today} errors={valid ? apiErrors : invalid} onApply={showView} />
      <div class="view-status" role="status">
        {!valid ? (
          <p>Kies een geldige periode en gemeente.</p>
        ) : busy ? (
          <p>Cijfers laden voor {describeView(filters)}.</p>
        ) : view ? (
          <>
            <p>Getoond: {describeView(view.filters)}.</p>
            {counted ? <p>{counted}</p> : null}
          </>
        ) : null}
      </div>
      {exportFailed ? (
        <Notice tone="error" title="Downloaden is niet gelukt" live="assertive">
          <p>{exportFailed}</p>
        </Notice>
      ) : null}
      {stats.state === 'failed' ? <LoadFailed error={stats.error} retry={() => void stats.reload()} /> : null}
      {stats.state === 'loading' ? <Loading label="Cijfers laden…" /> : null}
      {view ? (
        <div class="dashboard">
          <KeyFigures view={view} />
          {view.sections.map((section) => (
            <Section key={section.id} id={`section-${section.id}`} title={section.title}>
              <p class="section-intro">{section.intro}</p>
              {/* A small table beside its chart; a wide one under it. */}
              <div class={section.charts.length && section.table.columns.length <= 3 ? 'figure-grid' : 'figure-stack'}>
                {section.charts.length ? (
                  <div class="figure-charts">
                    {section.charts.map((chart) =>
                      hasBars(chart) ? (
                        <BarChart key={chart.title} spec={chart} />
                      ) : (
                        <p class="chart-empty" key={chart.title}>
                          <strong>{chart.title}</strong>: geen grafiek, want er is niets te tekenen (alleen 0, “&lt;5” of te weinig om te tonen). De tabel geeft de
                          cijfers.
                        </p>
                      ),
                    )}
                  </div>
                ) : null}
                <div class="figure-table-box">
                  <FigureTableView id={`table-${section.id}`} table={section.table} />
                </div>
              </div>
              {section.notes.map((note) => (
                <p class="chart-note" key={note}>
                  {note}
                </p>
              ))}
            </Section>
          ))}
        </div>
      ) : null}
    </Page>
  );
}
