import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ReferralView } from '#shared/domain/referral-view.ts';
import {
  CHANNEL_LABELS,
  NEED_OUTCOME_LABELS,
  NEXT_STEP_LABELS,
  needLabel,
  PIPELINE_PENDING_STATUSES,
  ROUTE_LABELS,
  UNMET_NEED_REASON_LABELS,
  URGENCY_LABELS,
} from '#shared/domain/vocabulary.ts';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { Button, FormActions } from '../../components/button.tsx';
import { ClientLetterSection } from '../../components/client-letter.tsx';
import { ConsentSection } from '../../components/consent.tsx';
import { ClientContactFacts, PersonContact } from '../../components/contact.tsx';
import { TextArea } from '../../components/field.tsx';
import { formatDate } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { MatchList } from '../../components/matches.tsx';
import { CrisisNotice, Notice } from '../../components/notice.tsx';
import { Facts, Page, Section } from '../../components/page.tsx';
import { StatusLine } from '../../components/status-line.tsx';
import { Timeline } from '../../components/timeline.tsx';
import { href, type PageProps } from '../../routing.ts';
import { takeAmendment, takeSubmission } from './submissions.ts';

/** While the pipeline works the page asks again: every second at first, then less often. */
const refreshDelay = (round: number) => Math.min(1000 * 1.25 ** round, 10_000);

const isPending = (view: ReferralView) => PIPELINE_PENDING_STATUSES.includes(view.status);

/** The status and feedback of one referral, with withdraw and withdraw-consent when allowed. */
export default function ReferralStatusPage({ params }: PageProps) {
  const referralId = params.referralId!;
  const submission = useMemo(() => takeSubmission(referralId), [referralId]);
  const amended = useMemo(() => takeAmendment(referralId), [referralId]);
  const view = useResource((signal) => api<ReferralView>('GET', `/referrals/${encodeURIComponent(referralId)}`, { signal }), [referralId]);
  const [round, setRound] = useState(0);

  const data = view.state === 'ready' ? view.data : undefined;
  const pending = data ? isPending(data) : false;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => {
      // A hidden tab does not read the referral (each read is an access-log entry); it catches up when shown.
      if (document.visibilityState === 'visible') void view.reload().then(() => setRound((value) => value + 1));
      else setRound((value) => value + 1);
    }, refreshDelay(round));
    return () => clearTimeout(timer);
  }, [pending, round, data]);
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && pending && void view.reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [pending]);

  const title = data ? `Verwijzing ${data.caseNumber ?? data.clientRef}` : 'Verwijzing';
  if (view.state === 'failed') {
    const notFound = view.error instanceof ApiProblem && view.error.status === 404;
    return (
      <Page title={notFound ? 'Verwijzing niet gevonden' : 'Verwijzing'}>
        {notFound ? (
          <p>Deze verwijzing bestaat niet, of is van een andere organisatie.</p>
        ) : (
          <LoadFailed error={view.error} retry={() => void view.reload()} />
        )}
        <p>
          <a href={href('/verwijzingen')}>Naar de verwijzingen</a>
        </p>
      </Page>
    );
  }
  if (!data) {
    return (
      <Page title={title} busy>
        <Loading />
      </Page>
    );
  }
  const crisis = data.crisis ?? submission?.crisis;
  const care = data.matches.filter((match) => match.kind === 'care');
  const bridging = data.matches.filter((match) => match.kind === 'bridging');
  return (
    <Page title={title} tabTitle={data.caseNumber ? `Zaak ${data.caseNumber}` : undefined} busy={false}>
      {submission ? (
        <Notice tone="success" live="polite" title="Verwijzing verstuurd">
          <p>
            Overbrug beoordeelt de verwijzing nu en zoekt een contactpersoon. Deze pagina werkt zichzelf bij.
            {submission.reentryOf ? ' De cliënt was hier eerder: de vorige contactpersoon en het vorige verhaal worden gebruikt.' : ''}
          </p>
        </Notice>
      ) : null}
      {amended ? (
        <Notice tone="success" live="polite" title="Verwijzing aangevuld">
          <p>De nieuwe hulpvragen en signalen staan nu bij deze verwijzing. Overbrug zocht er aanbod bij, en de contactpersoon hoort het.</p>
        </Notice>
      ) : null}
      {crisis ? <CrisisNotice crisis={crisis} /> : null}

      <StatusLine view={data} beside={pending ? <span class="muted"> · wordt bijgewerkt…</span> : null} />

      <div class="columns">
        <div class="column-main">
          {data.outcomes.length ? (
            <Section title="Wat er van elke hulpvraag werd" id="outcomes-title">
              <ul class="reasons">
                {data.outcomes.map((outcome) => (
                  <li key={outcome.need}>
                    <strong>{needLabel(outcome.need)}</strong>: {NEED_OUTCOME_LABELS[outcome.result]}
                    {outcome.unmetReason ? ` (${UNMET_NEED_REASON_LABELS[outcome.unmetReason]})` : ''} <span class="muted">· {formatDate(outcome.at)}</span>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}

          <Section title="Wat nu" id="next-title">
            <p class="next-step">
              <NextStepText view={data} />
            </p>
            {data.contactPerson ? (
              <PersonContact name={data.contactPerson.name} phone={data.contactPerson.phone} email={data.contactPerson.email}>
                <p class="muted">De vaste contactpersoon van de cliënt. Bel of mail bij vragen over deze cliënt.</p>
              </PersonContact>
            ) : null}
            <Facts
              items={[
                ['Eerste contact', data.firstContact ? `${formatDate(data.firstContact.date)}, ${CHANNEL_LABELS[data.firstContact.channel]}` : 'nog niet'],
                ['Afgesloten', data.closedAt ? formatDate(data.closedAt) : undefined],
              ]}
            />
          </Section>

          {data.status !== 'withdrawn' ? (
            <ClientLetterSection
              referralId={data.referralId}
              intro="Geef de cliënt op papier mee wat er nu gebeurt: wie belt en wanneer, wie helpt tijdens het wachten, en wie te bellen in een crisis. Eén A4."
            />
          ) : null}

          <Section title="Beoordeling" id="triage-title">
            {data.triage ? (
              <>
                <Facts
                  items={[
                    ['Route', ROUTE_LABELS[data.triage.route]],
                    ['Urgentie', URGENCY_LABELS[data.triage.urgency]],
                    ['Steun tijdens het wachten', data.triage.bridging ? 'ja' : 'nee'],
                  ]}
                />
                <h3>Waarom</h3>
                <ul class="reasons">
                  {data.triage.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
                <details class="details-technical">
                  <summary>Technische gegevens</summary>
                  <Facts
                    items={[
                      ['Regels', `${data.triage.ruleSet.regionId}, versie ${data.triage.ruleSet.version}`],
                      ['Zaak-id', <code>{data.referralId}</code>],
                      ['FHIR-taak', `${data.fhir.status} (${data.fhir.businessStatus.coding[0]?.code ?? ''})`],
                    ]}
                  />
                </details>
              </>
            ) : (
              <p class="muted">Nog niet beoordeeld.</p>
            )}
          </Section>

          <Section title="Aanbod" id="matches-title">
            {bridging.length === 0 && care.length === 0 ? <p class="muted">{pending ? 'Wordt gezocht.' : 'Geen aanbod gekoppeld.'}</p> : null}
            {bridging.length ? (
              <>
                <h3>Steun tijdens het wachten</h3>
                <MatchList matches={bridging} />
              </>
            ) : null}
            {care.length ? (
              <>
                <h3>Per hulpvraag</h3>
                <MatchList matches={care} />
              </>
            ) : null}
            {data.unmetNeeds.length ? (
              <>
                <h3>Nog geen passend aanbod</h3>
                <ul class="reasons">
                  {data.unmetNeeds.map((unmet) => (
                    <li key={unmet.domain}>
                      <strong>{needLabel(unmet.domain)}</strong>: {UNMET_NEED_REASON_LABELS[unmet.reason]}. {unmet.detail}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Section>

          {data.client ? (
            <Section title="Contact met de cliënt" id="client-contact-title">
              <p class="muted">Zoals u het doorgaf. Alleen de contactpersoon ziet dit, en de overbruggingspartner als de cliënt dat goedvond.</p>
              <ClientContactFacts contact={data.client.contact} />
            </Section>
          ) : null}
        </div>

        <div class="column-side">
          <Section title="Wat er gebeurde" id="timeline-title">
            <Timeline entries={data.timeline} />
          </Section>
          <ConsentSection
            view={data}
            withdraw={async (recipient, kinds) => {
              try {
                view.set(await api<ReferralView>('POST', `/referrals/${encodeURIComponent(data.referralId)}/actions`, { body: { action: 'withdraw-consent', recipient, ...(kinds ? { data: kinds } : {}) } }));
                return undefined;
              } catch (failure) {
                return describeFailure(failure);
              }
            }}
          />
          {data.allowedActions.includes('withdraw') ? <WithdrawSection referralId={data.referralId} onChange={view.set} /> : null}
        </div>
      </div>
    </Page>
  );
}

/** The next step in words, with its date and the contact person's name where there is one. */
function NextStepText({ view }: { view: ReferralView }) {
  const { step, due } = view.nextStep;
  const person = view.contactPerson?.name;
  switch (step) {
    case 'contact-person-reacts':
      return <>{person ? `${person} neemt de zaak aan` : NEXT_STEP_LABELS[step]}{due ? <>, uiterlijk <strong>{formatDate(due)}</strong></> : null}, en belt of mailt daarna de cliënt.</>;
    case 'first-contact':
      return <>{person ? `${person} heeft de zaak aangenomen en neemt contact op met de cliënt` : NEXT_STEP_LABELS[step]}{due ? <>, uiterlijk <strong>{formatDate(due)}</strong></> : null}.</>;
    case 'outcomes':
      return <>{person && view.firstContact ? `${person} sprak de cliënt op ${formatDate(view.firstContact.date)} en helpt verder. U hoort wat er van elke hulpvraag werd.` : NEXT_STEP_LABELS[step]}</>;
    default:
      return <>{view.status === 'withdrawn' ? 'Er gebeurt niets meer: de verwijzing is ingetrokken.' : NEXT_STEP_LABELS[step]}</>;
  }
}

function WithdrawSection({ referralId, onChange }: { referralId: string; onChange: (view: ReferralView) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const withdraw = async (event: Event) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Vul de reden in (hoogstens 500 tekens).');
      document.getElementById('withdraw-reason')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onChange(await api<ReferralView>('POST', `/referrals/${encodeURIComponent(referralId)}/actions`, { body: { action: 'withdraw', reason: reason.trim() } }));
    } catch (failure) {
      setError(describeFailure(failure));
      setBusy(false);
    }
  };

  return (
    <Section title="Intrekken" id="withdraw-title">
      {!open ? (
        <>
          <p class="muted">Is de verwijzing niet meer nodig? Dan geeft Overbrug de gereserveerde plaatsen vrij.</p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Verwijzing intrekken…
          </Button>
        </>
      ) : (
        <form class="form form-compact" onSubmit={(event) => void withdraw(event)} noValidate aria-label="Verwijzing intrekken">
          <TextArea
            id="withdraw-reason"
            label="Waarom trekt u de verwijzing in?"
            hint="De contactpersoon ziet deze reden."
            maxLength={500}
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
            error={error}
            autoFocus
          />
          <FormActions submitLabel="Verwijzing intrekken" variant="danger" busy={busy} onCancel={() => setOpen(false)} />
        </form>
      )}
    </Section>
  );
}
