import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { formatDateTime, todayInNL } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page, Section } from '../../components/page.tsx';
import { Badge } from '../../components/status-badge.tsx';
import {
  actionLabel,
  auditQuery,
  csvName,
  defaultFilters,
  filterErrorsOf,
  LOGGED_ROUTES,
  organisationName,
  OUTCOME_LABELS,
  personName,
  roleLabel,
  SIGNAL_TITLES,
  type AuditFilters,
  type AuditPage,
  type FilterField,
  type SignalsAnswer,
} from './access-log-model.ts';

const PAGE_SIZE = 50;
/** The CSV holds at most this many entries; past it the page says so. */
const CSV_MAX = 10_000;

function FilterForm({ applied, errors, onApply }: { applied: AuditFilters; errors: Partial<Record<FilterField, string>>; onApply: (filters: AuditFilters) => void }) {
  const [draft, setDraft] = useState(applied);
  useEffect(() => setDraft(applied), [JSON.stringify(applied)]);
  const set = (field: FilterField) => (event: { currentTarget: HTMLInputElement }) => setDraft({ ...draft, [field]: event.currentTarget.value });
  return (
    <form
      class="audit-filters"
      aria-label="Zoeken in het toegangslog"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <div class="filter-fields">
        <TextField id="filter-from" label="Van" type="date" width="s" value={draft.from} error={errors.from} max={draft.to || undefined} onInput={set('from')} />
        <TextField id="filter-to" label="Tot en met" type="date" width="s" value={draft.to} error={errors.to} min={draft.from || undefined} onInput={set('to')} />
        <TextField
          id="filter-clientRef"
          label="Cliëntreferentie"
          hint="Alle inzages van alle verwijzingen van deze cliënt (recht op inzage)."
          optional
          value={draft.clientRef}
          error={errors.clientRef}
          onInput={set('clientRef')}
        />
        <TextField
          id="filter-caseNumber"
          label="Zaaknummer"
          hint="Alle inzages van één zaak, zoals RV-2026-00412."
          optional
          value={draft.caseNumber}
          error={errors.caseNumber}
          onInput={set('caseNumber')}
        />
        <TextField id="filter-referralId" label="Verwijzingsnummer" optional value={draft.referralId} error={errors.referralId} onInput={set('referralId')} />
        <TextField id="filter-person" label="Persoon" hint="Naam of deel van de naam, of het persoonsnummer." optional value={draft.person} error={errors.person} onInput={set('person')} />
        <TextField id="filter-organisation" label="Organisatie" hint="Naam of deel van de naam." optional value={draft.organisation} error={errors.organisation} onInput={set('organisation')} />
        <SelectField
          id="filter-route"
          label="Route"
          placeholder="Alle routes"
          options={LOGGED_ROUTES.map((route) => ({ value: route, label: route }))}
          value={draft.route}
          error={errors.route}
          onChange={(route) => setDraft({ ...draft, route })}
        />
        <SelectField
          id="filter-outcome"
          label="Uitkomst"
          width="s"
          placeholder="Alles"
          options={[
            { value: 'allowed', label: OUTCOME_LABELS.allowed },
            { value: 'denied', label: OUTCOME_LABELS.denied },
          ]}
          value={draft.outcome}
          error={errors.outcome}
          onChange={(outcome) => setDraft({ ...draft, outcome })}
        />
        <div class="filter-submit">
          <Button type="submit">Zoeken</Button>
        </div>
      </div>
    </form>
  );
}

function Signals({ filters, onShowPerson }: { filters: AuditFilters; onShowPerson: (personId: string) => void }) {
  const signals = useResource(
    (signal) => api<SignalsAnswer>('GET', `/access-log/signals?${new URLSearchParams({ from: filters.from, to: filters.to })}`, { signal }),
    [filters.from, filters.to],
  );
  return (
    <Section title="Signalen" id="signalen">
      <p>
        Hier staat wat de moeite waard is om na te kijken in de gekozen periode: iemand die veel dossiers in korte tijd bekijkt, dossiers die iemand door zijn rol mocht
        zien maar die niet aan hem of haar zijn toegewezen, en geweigerde toegang. Een signaal is geen bewijs van iets verkeerds.
      </p>
      {signals.state === 'loading' ? <Loading label="Signalen laden…" /> : null}
      {signals.state === 'failed' ? (
        signals.error instanceof ApiProblem && signals.error.status === 400 ? (
          <Notice tone="warning">
            <p>Signalen zijn er voor een geldige periode van hoogstens 92 dagen. Kies een andere periode.</p>
          </Notice>
        ) : (
          <LoadFailed error={signals.error} retry={() => void signals.reload()} />
        )
      ) : null}
      {signals.state === 'ready' && signals.data.signals.length === 0 ? (
        <Notice tone="success">
          <p>Geen signalen in deze periode.</p>
        </Notice>
      ) : null}
      {signals.state === 'ready' && signals.data.signals.length > 0 ? (
        <ul class="audit-signals" aria-label="Signalen">
          {signals.data.signals.map((item) => (
            <li key={`${item.kind}-${item.person.id}`} class="audit-signal" data-kind={item.kind}>
              <p class="audit-signal-title">
                <Badge tone={item.kind === 'denied-reads' ? 'crisis' : 'attention'}>{SIGNAL_TITLES[item.kind]}</Badge>
              </p>
              <p>{item.message}</p>
              <Button variant="quiet" onClick={() => onShowPerson(item.person.id)}>
                Toon de inzages van {item.person.name ?? 'deze persoon'}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {signals.state === 'ready' && signals.data.truncated ? (
        <Notice tone="warning">
          <p>De periode heeft zoveel inzages dat niet alles is bekeken. Kies een kortere periode.</p>
        </Notice>
      ) : null}
    </Section>
  );
}

async function downloadCsv(filters: AuditFilters, regionId: string): Promise<{ count: number; cut: boolean }> {
  const { accessLogCsv } = await import('./csv-export.ts');
  const items = [];
  let cursor: string | null = null;
  do {
    const page: AuditPage = await api<AuditPage>('GET', `/access-log?${auditQuery(filters, { limit: '200', ...(cursor ? { cursor } : {}) })}`);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length < CSV_MAX);
  const url = URL.createObjectURL(new Blob([accessLogCsv(items.slice(0, CSV_MAX))], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvName(regionId, filters);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return { count: Math.min(items.length, CSV_MAX), cut: cursor !== null };
}

/**
 * The privacy officer's home: who read which case in the region, when, why and with what outcome;
 * the signals worth a look; a CSV of what the filters find. The filters stay out of the address
 * (a client reference is not for the browser's history).
 */
export default function AccessLogPage() {
  const { region, user } = useApp();
  const today = todayInNL();
  const [filters, setFilters] = useState<AuditFilters>(() => defaultFilters(today));
  const [extra, setExtra] = useState<AuditPage['items']>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState<'idle' | 'loading' | { failed: string }>('idle');
  const [exported, setExported] = useState<'idle' | 'busy' | { count: number; cut: boolean } | { failed: string }>('idle');
  const first = useResource(
    (signal) => api<AuditPage>('GET', `/access-log?${auditQuery(filters, { limit: String(PAGE_SIZE) })}`, { signal }),
    [JSON.stringify(filters)],
  );
  useEffect(() => {
    setExtra([]);
    setCursor(first.state === 'ready' ? first.data.cursor : null);
  }, [first.state === 'ready' ? first.data : null]);
  const errors = first.state === 'failed' && first.error instanceof ApiProblem && first.error.status === 400 ? filterErrorsOf(first.error.errors) : {};
  const items = first.state === 'ready' ? [...first.data.items, ...extra] : [];
  const regionId = region?.regionId ?? user.regionId ?? 'regio';
  const busy = first.state === 'loading' || (first.state === 'ready' && first.refreshing) || more === 'loading';

  const loadMore = async () => {
    if (!cursor) return;
    setMore('loading');
    try {
      const page = await api<AuditPage>('GET', `/access-log?${auditQuery(filters, { limit: String(PAGE_SIZE), cursor })}`);
      setExtra((previous) => [...previous, ...page.items]);
      setCursor(page.cursor);
      setMore('idle');
    } catch (error) {
      setMore({ failed: describeFailure(error) });
    }
  };

  return (
    <Page
      title="Toegangslog"
      busy={busy}
      actions={
        <Button
          variant="secondary"
          busy={exported === 'busy'}
          busyLabel="Bezig met downloaden…"
          onClick={() => {
            setExported('busy');
            downloadCsv(filters, regionId).then(setExported, (error: unknown) => setExported({ failed: describeFailure(error) }));
          }}
        >
          Downloaden (CSV)
        </Button>
      }
    >
      <p class="lead">
        Wie in {region?.name ?? 'uw regio'} welk dossier bekeek of probeerde te bekijken, wanneer, waarom en met welke uitkomst. Dagen tellen in Nederlandse tijd.
      </p>
      <Notice title="Uw gebruik wordt ook vastgelegd">
        <p>Elke zoekopdracht, elke download en het bekijken van de signalen komt zelf in het toegangslog, met uw naam en het doel.</p>
      </Notice>
      <FilterForm applied={filters} errors={errors} onApply={setFilters} />
      {exported !== 'idle' && exported !== 'busy' ? (
        'failed' in exported ? (
          <Notice tone="error" title="Downloaden is niet gelukt" live="assertive">
            <p>{exported.failed}</p>
          </Notice>
        ) : (
          <Notice tone="success" live="polite">
            <p>
              Het bestand met {exported.count} {exported.count === 1 ? 'regel' : 'regels'} is gedownload.
              {exported.cut ? ` Er waren meer; het bestand stopt bij ${CSV_MAX}. Kies een kortere periode voor de rest.` : ''}
            </p>
          </Notice>
        )
      ) : null}
      <Signals filters={filters} onShowPerson={(person) => setFilters({ ...filters, person })} />
      <Section title="Inzages" id="inzages">
        {first.state === 'loading' ? <Loading label="Toegangslog laden…" /> : null}
        {first.state === 'failed' && !(first.error instanceof ApiProblem && first.error.status === 400) ? <LoadFailed error={first.error} retry={() => void first.reload()} /> : null}
        {first.state === 'failed' && first.error instanceof ApiProblem && first.error.status === 400 ? (
          <Notice tone="error" title="Controleer de zoekvelden" live="assertive">
            <p>Een of meer zoekvelden kloppen niet. Bij het veld staat wat er mis is.</p>
          </Notice>
        ) : null}
        {first.state === 'ready' && items.length === 0 ? (
          <Notice>
            <p>Niets gevonden met deze zoekvelden.</p>
          </Notice>
        ) : null}
        {items.length > 0 ? (
          <table class="table table-cards audit-table">
            <caption class="table-title">Inzages, nieuwste eerst</caption>
            <thead>
              <tr>
                <th scope="col">Tijdstip</th>
                <th scope="col">Persoon</th>
                <th scope="col">Organisatie</th>
                <th scope="col">Wat</th>
                <th scope="col">Uitkomst</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => (
                <tr key={`${item.at}-${index}`} data-outcome={item.outcome}>
                  <td class="nowrap" data-label="Tijdstip">
                    {formatDateTime(item.at)}
                  </td>
                  <td data-label="Persoon">
                    {personName(item)}
                    <br />
                    <span class="muted">{roleLabel(item.role)}</span>
                  </td>
                  <td data-label="Organisatie">{organisationName(item) || <span class="muted">onbekend</span>}</td>
                  <td data-label="Wat">{actionLabel(item.action)}</td>
                  <td data-label="Uitkomst">
                    <Badge tone={item.outcome === 'allowed' ? 'done' : 'crisis'}>{OUTCOME_LABELS[item.outcome]}</Badge>
                  </td>
                  <td data-label="Details">
                    <details>
                      <summary>Details</summary>
                      <dl class="audit-details">
                        <dt>Verwijzing</dt>
                        <dd>
                          <code>{item.referralId ?? '—'}</code>
                        </dd>
                        <dt>Persoon-id</dt>
                        <dd>
                          <code>{item.person.id}</code>
                        </dd>
                        <dt>Route</dt>
                        <dd>
                          <code>{item.route}</code>
                        </dd>
                        <dt>Doel</dt>
                        <dd>{item.purpose}</dd>
                      </dl>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {typeof more === 'object' ? (
          <Notice tone="error" live="assertive">
            <p>{more.failed}</p>
          </Notice>
        ) : null}
        {cursor ? (
          <p>
            <Button variant="secondary" busy={more === 'loading'} busyLabel="Meer laden…" onClick={() => void loadMore()}>
              Meer laden
            </Button>
          </p>
        ) : null}
      </Section>
    </Page>
  );
}
