import { useState } from 'preact/hooks';
import { ROLE_LABELS, type Role } from '#shared/access/policy.ts';
import { isCalendarDate } from '#shared/domain/calendar-date.ts';
import { api, describeFailure } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { Button } from '../../components/button.tsx';
import { EmailLink, PhoneLink } from '../../components/contact.tsx';
import { ErrorSummary, focusField, RadioGroup, TextField, type SummaryError } from '../../components/field.tsx';
import { formatDate, formatDateTime, languageName, todayInNL } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Facts, Page, Section } from '../../components/page.tsx';
import { Badge } from '../../components/status-badge.tsx';
import type { PageProps } from '../../routing.ts';
import { PersonFormView } from './person-form.tsx';
import {
  absenceState,
  editableOf,
  fieldLabel,
  formOf,
  loadOf,
  type Absence,
  type ContactPerson,
  type Editable,
  type HistoryChange,
  type SavedPerson,
} from './team-model.ts';

const cases = (count: number) => `${count} ${count === 1 ? 'zaak' : 'zaken'}`;
const caseName = (move: { caseNumber?: string; referralId: string }) => move.caseNumber ?? move.referralId.slice(0, 8);

/** What a save did to the open cases: moved to colleagues, stayed (the region told), or came back. */
function HandOverResult({ person, result }: { person: ContactPerson; result: SavedPerson['handOver'] }) {
  const { moved, stayed, returned } = result;
  if (!moved.length && !stayed.length && !returned.length) return null;
  return (
    <div class="team-hand-over">
      {moved.length ? (
        <Notice tone="success" title={`${cases(moved.length)} overgedragen aan collega's`}>
          <ul>
            {moved.map((move) => (
              <li key={move.referralId}>
                Zaak {caseName(move)} gaat naar {move.to?.name}.
              </li>
            ))}
          </ul>
          <p>De nieuwe contactpersoon en de verwijzer krijgen een e-mail.</p>
        </Notice>
      ) : null}
      {stayed.length ? (
        <Notice tone="warning" title={`${cases(stayed.length)} niet overgedragen`}>
          <p>
            Niemand in de gemeente van de cliënt heeft ruimte. Deze {stayed.length === 1 ? 'zaak blijft' : 'zaken blijven'} bij {person.name}. De regio heeft een
            e-mail gekregen. Maak ruimte (een hogere maximale caseload, of iemand erbij) en sla de afwezigheid opnieuw op.
          </p>
          <ul>
            {stayed.map((move) => (
              <li key={move.referralId}>Zaak {caseName(move)}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {returned.length ? (
        <Notice tone="success" title={`${cases(returned.length)} terug bij ${person.name}`}>
          <ul>
            {returned.map((move) => (
              <li key={move.referralId}>Zaak {caseName(move)}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </div>
  );
}

type AbsenceField = 'from' | 'to' | 'handOver';

/** The absence form: from, to, and whether the open cases go to colleagues meanwhile. */
function AbsenceSection({ person, onSave }: { person: ContactPerson; onSave: (absence: Absence | undefined) => Promise<void> }) {
  const today = todayInNL();
  const [form, setForm] = useState({ from: person.absence?.from ?? today, to: person.absence?.to ?? '', handOver: person.absence ? (person.absence.handOver ? 'yes' : 'no') : '' });
  const [errors, setErrors] = useState<Partial<Record<AbsenceField, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const state = absenceState(person.absence, today);

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<AbsenceField, string>> = {};
    if (!isCalendarDate(form.from)) found.from = 'Vul de eerste dag van de afwezigheid in.';
    if (!isCalendarDate(form.to)) found.to = 'Vul de laatste dag van de afwezigheid in.';
    else if (isCalendarDate(form.from) && form.to < form.from) found.to = 'De laatste dag komt na de eerste dag (of is dezelfde dag).';
    if (!form.handOver) found.handOver = 'Kies of de open zaken naar collega’s gaan.';
    setErrors(found);
    setAttempt((count) => count + 1);
    const first = (['from', 'to', 'handOver'] as const).find((field) => found[field]);
    if (first) return focusField(`absence-${first}`);
    setBusy(true);
    setFailure(undefined);
    try {
      await onSave({ from: form.from, to: form.to, handOver: form.handOver === 'yes' });
    } catch (error) {
      setFailure(`Opslaan is niet gelukt. ${describeFailure(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const summary: SummaryError[] = (['from', 'to', 'handOver'] as const).filter((field) => errors[field]).map((field) => ({ id: `absence-${field}`, message: errors[field]! }));
  return (
    <Section title="Afwezigheid" id="absence-title">
      <p class="muted">
        In deze periode krijgt {person.name} geen nieuwe cliënten. Kies of de open zaken zolang naar collega’s gaan: naar iemand in dezelfde gemeente met ruimte, wie het
        minst vol zit eerst.
      </p>
      {person.absence ? (
        <p>
          {state === 'over' ? 'Was afwezig' : 'Afwezig'} van {formatDate(person.absence.from)} tot en met {formatDate(person.absence.to)}
          {person.absence.handOver ? ', open zaken naar collega’s.' : ', open zaken blijven.'}
        </p>
      ) : null}
      <form class="form form-compact" onSubmit={(event) => void save(event)} noValidate aria-label="Afwezigheid opslaan">
        <ErrorSummary errors={summary} attempt={attempt} />
        {failure ? (
          <Notice tone="error" takeFocus>
            <p>{failure}</p>
          </Notice>
        ) : null}
        <TextField id="absence-from" label="Eerste dag" type="date" width="s" value={form.from} error={errors.from} onInput={(event) => setForm({ ...form, from: event.currentTarget.value })} />
        <TextField id="absence-to" label="Laatste dag" type="date" width="s" value={form.to} error={errors.to} onInput={(event) => setForm({ ...form, to: event.currentTarget.value })} />
        <RadioGroup
          id="absence-handOver"
          name="absence-handOver"
          legend="Open zaken"
          error={errors.handOver}
          value={form.handOver === '' ? undefined : (form.handOver as 'yes' | 'no')}
          onChange={(value) => setForm({ ...form, handOver: value })}
          options={[
            { value: 'yes', label: 'Overdragen aan collega’s', hint: 'De collega en de verwijzer krijgen een e-mail. Lukt het niet, dan blijft de zaak en hoort de regio het.' },
            { value: 'no', label: 'Bij deze persoon laten' },
          ]}
        />
        <p class="button-row">
          <Button type="submit" busy={busy} busyLabel="Bezig met opslaan…">
            Afwezigheid opslaan
          </Button>
          {person.absence ? (
            <Button variant="secondary" onClick={() => void onSave(undefined).catch((error: unknown) => setFailure(`Opslaan is niet gelukt. ${describeFailure(error)}`))}>
              Afwezigheid weghalen
            </Button>
          ) : null}
        </p>
      </form>
    </Section>
  );
}

function valueText(field: string, value: unknown): string {
  if (value === undefined || value === null) return 'leeg';
  if (field === 'absence') {
    const absence = value as Absence;
    return `${formatDate(absence.from)} t/m ${formatDate(absence.to)}${absence.handOver ? ', zaken overdragen' : ''}`;
  }
  if (field === 'active') return value ? 'ja' : 'nee';
  if (field === 'languages') return (value as string[]).map(languageName).join(', ');
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function changeText(change: HistoryChange): string {
  switch (change.change) {
    case 'created':
      return 'Toegevoegd aan het team.';
    case 'handed-over':
      return `Afwezig: ${cases(change.cases?.moved ?? 0)} overgedragen${change.cases?.stayed ? `, ${cases(change.cases.stayed)} bleef (geen ruimte, regio ingelicht)` : ''}.`;
    case 'handed-back':
      return `Terug na afwezigheid: ${cases(change.cases?.moved ?? 0)} terug.`;
    default:
      return Object.entries(change.fields ?? {})
        .map(([field, { from, to }]) => `${fieldLabel(field)}: ${valueText(field, from)} → ${valueText(field, to)}`)
        .join('; ');
  }
}

const whoText = (change: HistoryChange) =>
  change.role ? `${change.name ?? 'onbekend'}, ${ROLE_LABELS[change.role as Role]?.split(' (')[0]?.toLowerCase() ?? change.role}` : 'Overbrug (automatisch)';

function HistorySection({ contactPersonId, version }: { contactPersonId: string; version: number }) {
  const history = useResource((signal) => api<{ changes: HistoryChange[] }>('GET', `/contact-persons/${encodeURIComponent(contactPersonId)}/history`, { signal }), [contactPersonId, version]);
  return (
    <Section title="Geschiedenis" id="history-title">
      {history.state === 'loading' ? <Loading /> : null}
      {history.state === 'failed' ? <LoadFailed error={history.error} retry={() => void history.reload()} /> : null}
      {history.state === 'ready' ? (
        <table class="table table-cards team-history">
          <caption class="visually-hidden">Elke wijziging, nieuwste eerst</caption>
          <thead>
            <tr>
              <th scope="col">Wanneer</th>
              <th scope="col">Wie</th>
              <th scope="col">Wat</th>
            </tr>
          </thead>
          <tbody>
            {history.data.changes.map((change) => (
              <tr key={`${change.changedAt}-${change.change}`} data-change={change.change}>
                <td data-label="Wanneer" class="nowrap">
                  {formatDateTime(change.changedAt)}
                </td>
                <td data-label="Wie">{whoText(change)}</td>
                <td data-label="Wat">{changeText(change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Section>
  );
}

/** One cliëntondersteuner: their details and load, changing them, absence with hand-over, and the history. */
export default function PersonPage({ params }: PageProps) {
  const { contactPersonId = '' } = params;
  const { region } = useApp();
  const person = useResource((signal) => api<ContactPerson>('GET', `/contact-persons/${encodeURIComponent(contactPersonId)}`, { signal }), [contactPersonId]);
  const [editing, setEditing] = useState(false);
  const [result, setResult] = useState<SavedPerson['handOver'] | undefined>(undefined);
  const [saved, setSaved] = useState(0);

  const put = async (body: Editable) => {
    const updated = await api<SavedPerson>('PUT', `/contact-persons/${encodeURIComponent(contactPersonId)}`, { body });
    const { handOver, ...view } = updated;
    person.set(view);
    setResult(handOver);
    setSaved((count) => count + 1);
  };

  if (person.state === 'loading') return <Page title="Cliëntondersteuner" busy><Loading /></Page>;
  if (person.state === 'failed') return <Page title="Cliëntondersteuner"><LoadFailed error={person.error} retry={() => void person.reload()} /></Page>;
  const current = person.data;
  const load = loadOf(current);
  const state = absenceState(current.absence, todayInNL());
  return (
    <Page title={current.name} tabTitle={current.name}>
      <p>
        <a href="#/team">← Terug naar het team</a>
      </p>
      {result ? <HandOverResult person={current} result={result} /> : null}
      {saved && result && !result.moved.length && !result.stayed.length && !result.returned.length ? (
        <Notice tone="success" takeFocus key={saved}>
          <p>Opgeslagen.</p>
        </Notice>
      ) : null}
      <Section title="Gegevens" id="person-title">
        <Facts
          items={[
            ['Organisatie', current.organisation],
            ['E-mail', <EmailLink email={current.email} />],
            ['Telefoon', current.phone ? <PhoneLink phone={current.phone} /> : 'niet opgegeven'],
            ['Gemeenten', current.gemeenten.join(', ')],
            ['Talen', current.languages.map(languageName).join(', ')],
            [
              'Caseload',
              <span data-caseload={current.caseload}>
                {load.text} open cliënten {load.full ? <Badge tone="attention">vol</Badge> : null}
              </span>,
            ],
            [
              'Stand',
              !current.active ? (
                <Badge tone="closed">niet actief: krijgt geen nieuwe cliënten</Badge>
              ) : state === 'now' ? (
                <Badge tone="attention">afwezig</Badge>
              ) : (
                <Badge tone="done">actief</Badge>
              ),
            ],
          ]}
        />
        {editing ? (
          <PersonFormView
            initial={formOf(current)}
            absence={current.absence}
            submitLabel="Wijzigingen opslaan"
            onSubmit={async (body) => {
              await put(body);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Gegevens wijzigen…
          </Button>
        )}
      </Section>
      <AbsenceSection
        key={`${current.absence?.from}-${current.absence?.to}-${saved}`}
        person={current}
        onSave={async (absence) => {
          const { absence: _old, ...fields } = editableOf(current);
          await put({ ...fields, ...(absence ? { absence } : {}) });
        }}
      />
      {region?.fictional ? <p class="muted">Demo: alle personen hier zijn verzonnen.</p> : null}
      <HistorySection contactPersonId={contactPersonId} version={saved} />
    </Page>
  );
}
