import { useState } from 'preact/hooks';
import type { Candidate, DeskCaseView } from '#shared/domain/desk.ts';
import { DESK_FILTER_LABELS } from '#shared/domain/desk.ts';
import type { CaseAction } from '#shared/domain/lifecycle.ts';
import { NEED_LEVEL_LABELS, needLabel, REFERRAL_STATUS_LABELS, ROUTE_LABELS, URGENCY_LABELS } from '#shared/domain/vocabulary.ts';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextArea } from '../../components/field.tsx';
import { formatDateTime } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Facts, Page, Section } from '../../components/page.tsx';
import { Badge } from '../../components/status-badge.tsx';
import { Timeline } from '../../components/timeline.tsx';
import { href, type PageProps } from '../../routing.ts';

/** GET /referrals/{id}/candidates (docs/api.md). */
interface Candidates {
  gemeente: string;
  items: Candidate[];
}

const FIT_LABELS: Record<Candidate['fit'], string> = { gemeente: 'werkt in deze gemeente', neighbouring: 'werkt in een gemeente ernaast', other: 'werkt elders in de regio' };

/** The desk's refusals in plain words; the rest as any refusal. */
const DESK_PROBLEMS: Record<string, string> = {
  '/problems/no-room': 'Deze cliëntondersteuner heeft geen ruimte meer. Kies iemand anders.',
  '/problems/contact-person-inactive': 'Deze cliëntondersteuner werkt nu niet en neemt geen nieuwe zaken aan. Kies iemand anders.',
  '/problems/contact-person-absent': 'Deze cliëntondersteuner is afwezig en neemt nu geen nieuwe zaken aan. Kies iemand anders.',
  '/problems/unknown-contact-person': 'Deze cliëntondersteuner hoort niet bij de regio. Kies iemand uit de lijst.',
  '/problems/not-a-neighbour': 'Die gemeente ligt niet naast de gemeente van de cliënt.',
};
const failureOf = (error: unknown) => (error instanceof ApiProblem && DESK_PROBLEMS[error.type]) || (error instanceof ApiProblem && error.status === 400 ? 'Vul een reden in (hoogstens 500 tekens).' : describeFailure(error));

/**
 * One case on the desk: why it is here, what the client needs in short (no story, no health
 * details), who could take it with their current load, and the two decisions: give it to someone,
 * or look in a gemeente next door too. Each with a reason, which goes into the case's timeline.
 */
export default function DeskCasePage({ params }: PageProps) {
  const { referralId } = params as { referralId: string };
  const path = `/referrals/${encodeURIComponent(referralId)}`;
  const view = useResource((signal) => api<DeskCaseView>('GET', path, { signal }), [referralId]);
  const candidates = useResource((signal) => api<Candidates>('GET', `${path}/candidates`, { signal }), [referralId]);
  const [done, setDone] = useState<string | undefined>(undefined);
  const data = view.state === 'ready' ? view.data : undefined;
  const onDesk = data !== undefined && data.desk !== null;

  async function act(action: CaseAction): Promise<string | undefined> {
    try {
      const updated = await api<DeskCaseView>('POST', `${path}/actions`, { body: action });
      view.set(updated);
      setDone(updated.contactPerson ? `${updated.contactPerson.name} heeft de zaak nu. Die krijgt er bericht over.` : 'De zaak is verder gegaan.');
      return undefined;
    } catch (error) {
      // The load changed, or the case: show the current state.
      void candidates.reload();
      return failureOf(error);
    }
  }

  return (
    <Page title={data ? `Zaak ${data.caseLabel}` : 'Zaak op het bureau'} tabTitle={data?.caseLabel} busy={view.state === 'loading' || candidates.state === 'loading'}>
      {view.state === 'failed' ? <LoadFailed error={view.error} retry={() => void view.reload()} /> : null}
      {view.state === 'loading' ? <Loading /> : null}
      {done ? (
        <Notice tone="success" title="Toegewezen" live="polite" takeFocus key={done}>
          <p>{done}</p>
          <p>
            <a href={href('/bureau')}>Terug naar het bureau</a>
          </p>
        </Notice>
      ) : null}
      {data ? (
        <>
          <Facts
            items={[
              ['Gemeente', data.gemeente],
              ['Status', REFERRAL_STATUS_LABELS[data.status]],
              ...('desk' in data && data.desk ? ([['Waarom op het bureau', DESK_FILTER_LABELS[data.desk]]] as const) : []),
              ...('flagReason' in data && data.flagReason ? ([['Reden', data.flagReason]] as const) : []),
              ...('route' in data && data.route ? ([['Route', `${ROUTE_LABELS[data.route]}${data.urgency ? `, urgentie ${URGENCY_LABELS[data.urgency]}` : ''}`]] as const) : []),
              ...('since' in data ? ([['Wacht sinds', formatDateTime(data.since)]] as const) : []),
              ...('escalatedToManagerAt' in data && data.escalatedToManagerAt
                ? ([['Termijn', <Badge tone="attention">manager ingelicht op {formatDateTime(data.escalatedToManagerAt)}</Badge>]] as const)
                : 'deskDeadline' in data && data.deskDeadline
                  ? ([['Termijn', `kies vóór ${formatDateTime(data.deskDeadline)}; daarna krijgt de manager bericht`]] as const)
                  : []),
              ['Contactpersoon', data.contactPerson?.name ?? 'nog niemand'],
              ['Hulpvraag', data.needs.length ? data.needs.map((need) => `${needLabel(need.domain)} (${NEED_LEVEL_LABELS[need.level]})`).join(', ') : '—'],
            ]}
          />
          {onDesk ? (
            <>
              <Section title="Wie kan de zaak nemen?" id="candidates">
                {candidates.state === 'failed' ? <LoadFailed error={candidates.error} retry={() => void candidates.reload()} /> : null}
                {candidates.state === 'ready' ? <AssignForm candidates={candidates.data.items} act={act} allowed={data.allowedActions.includes('assign')} /> : null}
              </Section>
              {data.allowedActions.includes('widen-search') ? (
                <Section title="Zoek ook in een gemeente ernaast" id="widen">
                  <WidenForm neighbours={data.neighbours} act={act} />
                </Section>
              ) : null}
            </>
          ) : done ? null : (
            <Notice>
              <p>Deze zaak staat niet (meer) op het bureau.</p>
            </Notice>
          )}
          <Section title="Wat er gebeurde" id="timeline">
            <Timeline entries={data.timeline} />
          </Section>
        </>
      ) : null}
      <p>
        <a href={href('/bureau')}>Terug naar het bureau</a>
      </p>
    </Page>
  );
}

function AssignForm({ candidates, act, allowed }: { candidates: readonly Candidate[]; act: (action: CaseAction) => Promise<string | undefined>; allowed: boolean }) {
  const [chosen, setChosen] = useState<string>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ field: 'person' | 'reason' | 'form'; message: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  if (!candidates.length) return <p class="muted">Er is niemand in de regio die deze zaak kan nemen.</p>;
  async function submit(event: Event) {
    event.preventDefault();
    if (!chosen) return setError({ field: 'person', message: 'Kies een cliëntondersteuner.' });
    if (!reason.trim()) return setError({ field: 'reason', message: 'Schrijf op waarom u deze cliëntondersteuner kiest.' });
    setBusy(true);
    const failed = await act({ action: 'assign', contactPersonId: chosen, reason: reason.trim() });
    setBusy(false);
    setError(failed ? { field: 'form', message: failed } : undefined);
  }
  return (
    <form onSubmit={submit} noValidate>
      <table class="table table-cards candidates-table">
        <caption class="table-title">Cliëntondersteuners, wie in de gemeente van de cliënt werkt eerst</caption>
        <thead>
          <tr>
            <th scope="col">Kies</th>
            <th scope="col">Naam</th>
            <th scope="col">Gemeenten</th>
            <th scope="col" class="num">
              Zaken nu
            </th>
            <th scope="col">Ruimte</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((candidate) => (
            <tr key={candidate.contactPersonId} data-contact-person-id={candidate.contactPersonId}>
              <td data-label="Kies">
                <input
                  type="radio"
                  name="candidate"
                  id={`candidate-${candidate.contactPersonId}`}
                  value={candidate.contactPersonId}
                  checked={chosen === candidate.contactPersonId}
                  disabled={!allowed}
                  onChange={() => setChosen(candidate.contactPersonId)}
                  aria-describedby={error?.field === 'person' ? 'candidate-error' : undefined}
                />
              </td>
              <th scope="row" data-label="Naam">
                <label for={`candidate-${candidate.contactPersonId}`}>{candidate.name}</label>
                <span class="muted"> · {candidate.organisation}</span>
              </th>
              <td data-label="Gemeenten">
                {candidate.gemeenten.join(', ')}
                <span class="muted"> ({FIT_LABELS[candidate.fit]})</span>
              </td>
              <td class="num" data-label="Zaken nu">
                {candidate.caseload} van {candidate.caseloadLimit}
              </td>
              <td data-label="Ruimte">{candidate.hasRoom ? <Badge tone="done">ruimte</Badge> : <Badge tone="attention">vol</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error?.field === 'person' ? (
        <p class="field-error" id="candidate-error">
          {error.message}
        </p>
      ) : null}
      <ReasonAndRefusal id="assign-reason" label="Waarom deze cliëntondersteuner?" reason={reason} setReason={setReason} error={error} />
      <Button type="submit" busy={busy} busyLabel="Bezig met toewijzen…" disabled={!allowed}>
        Zaak toewijzen
      </Button>
    </form>
  );
}

/** The reason a desk action asks for (it goes into the case's timeline), and the refusal of the last try. */
function ReasonAndRefusal(props: { id: string; label: string; reason: string; setReason: (reason: string) => void; error: { field: string; message: string } | undefined }) {
  const { error } = props;
  return (
    <>
      <TextArea
        id={props.id}
        label={props.label}
        hint="Dit komt in de tijdlijn van de zaak. Schrijf niets over de gezondheid van de cliënt."
        value={props.reason}
        maxLength={500}
        error={error?.field === 'reason' ? error.message : undefined}
        onInput={(event) => props.setReason((event.target as HTMLTextAreaElement).value)}
      />
      {error?.field === 'form' ? (
        <Notice tone="error" live="assertive">
          <p>{error.message}</p>
        </Notice>
      ) : null}
    </>
  );
}

function WidenForm({ neighbours, act }: { neighbours: readonly string[]; act: (action: CaseAction) => Promise<string | undefined> }) {
  const [gemeente, setGemeente] = useState<string>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ field: 'gemeente' | 'reason' | 'form'; message: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  if (!neighbours.length) return <p class="muted">Voor deze gemeente zijn geen gemeenten ernaast bekend.</p>;
  async function submit(event: Event) {
    event.preventDefault();
    if (!gemeente) return setError({ field: 'gemeente', message: 'Kies een gemeente.' });
    if (!reason.trim()) return setError({ field: 'reason', message: 'Schrijf op waarom u verder zoekt.' });
    setBusy(true);
    const failed = await act({ action: 'widen-search', gemeente, reason: reason.trim() });
    setBusy(false);
    setError(failed ? { field: 'form', message: failed } : undefined);
  }
  return (
    <form onSubmit={submit} noValidate>
      <p>Overbrug kiest dan zelf: de cliëntondersteuner in die gemeente met ruimte en de minste zaken.</p>
      <SelectField
        id="widen-gemeente"
        label="Gemeente ernaast"
        options={neighbours.map((name) => ({ value: name, label: name }))}
        value={gemeente}
        placeholder="Kies een gemeente"
        error={error?.field === 'gemeente' ? error.message : undefined}
        onChange={(value) => setGemeente(value)}
      />
      <ReasonAndRefusal id="widen-reason" label="Waarom verder zoeken?" reason={reason} setReason={setReason} error={error} />
      <Button type="submit" variant="secondary" busy={busy} busyLabel="Bezig met zoeken…">
        Zoek en wijs toe
      </Button>
    </form>
  );
}
