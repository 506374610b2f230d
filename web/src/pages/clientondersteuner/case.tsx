import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CaseView } from '#shared/domain/referral-view.ts';
import { referrerName } from '#shared/domain/referrer.ts';
import {
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  CLOSED_STATUSES,
  FLAG_LABELS,
  HELP_SOURCE_LABELS,
  NEED_LEVEL_LABELS,
  NEED_OUTCOME_LABELS,
  needLabel,
  ROUTE_LABELS,
  STORY_QUESTIONS,
  TIME_LIMIT_LABELS,
  TIME_LIMIT_NAMES,
  UNMET_NEED_REASON_LABELS,
  URGENCY_LABELS,
} from '#shared/domain/vocabulary.ts';
import { api, ApiProblem } from '../../api.ts';
import { Button } from '../../components/button.tsx';
import { ClientLetterSection } from '../../components/client-letter.tsx';
import { ConsentSection } from '../../components/consent.tsx';
import { ClientContactFacts, PersonContact } from '../../components/contact.tsx';
import { capitalise, formatDate, formatDateTime, languageName } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { MatchList, type MatchItem } from '../../components/matches.tsx';
import { CrisisNotice, Notice } from '../../components/notice.tsx';
import { Facts, Page, Section } from '../../components/page.tsx';
import { Badge, OverdueBadges } from '../../components/status-badge.tsx';
import { StatusLine } from '../../components/status-line.tsx';
import { Timeline } from '../../components/timeline.tsx';
import { href, type PageProps } from '../../routing.ts';
import { actOn, NextStep, ReasonForm, reasonFailure, type Act, type Outcome } from './case-actions.tsx';
import { ageOf, DEADLINE_OF, firedLimits, groupMatches, sortedDomains, TIME_LIMITS, type NeedGroup } from './case-model.ts';
import { Reassessment, WishesAndNaaste } from './reassessment.tsx';

const STORY_KEYS = Object.keys(STORY_QUESTIONS) as (keyof typeof STORY_QUESTIONS)[];

/**
 * One case of the contact person: what to do next first (as `allowedActions` offers it), then how
 * to reach the client, the intake as far as the client consented to share it, the triage, the
 * options per need, and on the side the referrer, the time limits, consent and the timeline.
 */
export default function CasePage({ params }: PageProps) {
  const referralId = params.referralId!;
  const view = useResource((signal) => api<CaseView>('GET', `/referrals/${encodeURIComponent(referralId)}`, { signal }), [referralId]);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const act = actOn(referralId, view);

  if (view.state === 'failed') {
    const status = view.error instanceof ApiProblem ? view.error.status : undefined;
    return (
      <Page title={status === 404 ? 'Zaak niet gevonden' : 'Zaak'}>
        {status === 404 ? (
          <p>Deze zaak bestaat niet, of is niet (meer) aan u toegewezen: bijvoorbeeld omdat u haar afwees en een andere contactpersoon haar nu heeft.</p>
        ) : status === 410 ? (
          <p>Deze zaak is na de bewaartermijn gepseudonimiseerd: de gegevens van de cliënt zijn er niet meer.</p>
        ) : (
          <LoadFailed error={view.error} retry={() => void view.reload()} />
        )}
        <p>
          <a href={href('/zaken')}>Naar uw zaken</a>
        </p>
      </Page>
    );
  }
  if (view.state === 'loading') {
    return (
      <Page title="Zaak" busy>
        <Loading />
      </Page>
    );
  }
  const data = view.data;
  const fired = firedLimits(data.deadlines);
  const open = !CLOSED_STATUSES.includes(data.status);
  return (
    <Page
      title={`Zaak ${data.caseNumber ?? data.clientRef}`}
      tabTitle={`Zaak ${data.caseNumber ?? data.clientRef}`}
      busy={view.refreshing}
      actions={
        <a href={href('/zaken')} class="back-link">
          Naar uw zaken
        </a>
      }
    >
      {data.crisis ? <CrisisNotice crisis={data.crisis} /> : null}
      <StatusLine
        view={data}
        labels={CASE_STATUS_LABELS}
        beside={
          data.triage ? (
            <>
              {' '}
              <Badge tone={data.triage.urgency === 'immediate' || data.triage.urgency === 'high' ? 'attention' : 'neutral'}>urgentie {URGENCY_LABELS[data.triage.urgency]}</Badge>
            </>
          ) : null
        }
        below={open && fired.length ? <OverdueBadges limits={fired} /> : null}
      />

      <div class="columns">
        <div class="column-main">
          <NextStep view={data} act={act} outcome={outcome} report={(next) => setOutcome({ ...next, key: Date.now() })} />
          <Reassessment view={data} act={act} />
          <ReachSection view={data} />
          <ClientSection view={data} />
          <AmendmentsSection view={data} />
          <IntakeSection view={data} />
          <TriageSection view={data} />
          <MatchesSection view={data} act={act} />
          <FollowUpSection view={data} />
        </div>
        <div class="column-side">
          {open ? <ClientLetterSection referralId={data.referralId} intro="Wat de cliënt op papier of per e-mail krijgt: wie u bent, wanneer u belt, wie helpt tijdens het wachten, en wie te bellen in een crisis." /> : null}
          <DeadlinesSection view={data} />
          <ConsentSection
            view={data}
            withdraw={async (recipient, kinds) => {
              const result = await act({ action: 'withdraw-consent', recipient, ...(kinds ? { data: kinds } : {}) });
              return result.state === 'done' ? undefined : result.message;
            }}
          />
          <Section title="Tijdlijn" id="timeline-title">
            <Timeline entries={data.timeline} />
          </Section>
        </div>
      </div>
    </Page>
  );
}

function ClientSection({ view }: { view: CaseView }) {
  const { client, waiting } = view;
  return (
    <Section title="Cliënt" id="client-title">
      <Facts
        items={[
          ['Kenmerk', client.ref],
          ['Geboortejaar', `${client.birthYear} (ongeveer ${ageOf(client.birthYear)} jaar)`],
          ['Woonplaats', `${client.gemeente}, postcode ${client.postcode}`],
          ['Talen', client.languages.map(languageName).join(', ')],
          ['Bereikbaar via', client.channels.map((channel) => CHANNEL_LABELS[channel]).join(', ')],
          [
            'Wachtlijst ggz',
            !waiting
              ? 'niet opgegeven'
              : waiting.onGgzWaitlist
                ? `ja${waiting.provider ? `, bij ${waiting.provider}` : ''}${waiting.since ? `, sinds ${formatDate(waiting.since)}` : ''}`
                : 'staat niet op een wachtlijst',
          ],
        ]}
      />
    </Section>
  );
}

/** Something the client did not consent to share with the contact person (or withdrew), said so plainly. */
function NotShared({ what }: { what: string }) {
  return (
    <p class="not-shared">
      <Badge tone="closed">niet gedeeld</Badge> De cliënt gaf geen toestemming om {what} met u te delen, of trok die in.
    </p>
  );
}

function IntakeSection({ view }: { view: CaseView }) {
  const { domains, story, flags, clinicalNotes } = view.intake;
  const answered = story ? STORY_KEYS.filter((key) => story[key]) : [];
  return (
    <Section title="Intake" id="intake-title">
      <h3>Levensdomeinen</h3>
      {domains === null ? (
        <NotShared what="de hulpvraag per levensdomein" />
      ) : domains.length === 0 ? (
        <p class="muted">De verwijzer gaf bij geen levensdomein een hulpvraag aan.</p>
      ) : (
        <ul class="reasons intake-domains">
          {sortedDomains(domains).map((entry) => (
            <li key={entry.domain}>
              <strong>{capitalise(needLabel(entry.domain))}</strong>: {NEED_LEVEL_LABELS[entry.need]} hulpvraag
              {entry.need === 'none' ? '' : `, hulp van ${HELP_SOURCE_LABELS[entry.helpFrom]}`}
            </li>
          ))}
        </ul>
      )}
      <h3>Het verhaal</h3>
      {story === null ? (
        <NotShared what="het verhaal" />
      ) : answered.length === 0 ? (
        <p class="muted">De verwijzer vulde de vragen van de netwerkintake niet in.</p>
      ) : (
        <dl class="story">
          {answered.map((key) => (
            <div key={key}>
              <dt>{STORY_QUESTIONS[key]}</dt>
              <dd>{story[key]}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3 id="signals-title">Signalen</h3>
      <div class="signals" aria-labelledby="signals-title" role="group">
        {flags === null ? (
          <NotShared what="signalen die op een diagnose lijken" />
        ) : flags.length === 0 ? (
          <p class="muted">De verwijzer gaf geen signalen aan.</p>
        ) : (
          <ul class="reasons">
            {flags.map((flag) => (
              <li key={flag}>{capitalise(FLAG_LABELS[flag])}</li>
            ))}
            {(clinicalNotes ?? []).map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
      </div>
      <WishesAndNaaste intake={view.intake} />
    </Section>
  );
}

function TriageSection({ view }: { view: CaseView }) {
  const { triage } = view;
  return (
    <Section title="Beoordeling" id="triage-title">
      {triage ? (
        <>
          <Facts
            items={[
              ['Route', ROUTE_LABELS[triage.route]],
              ['Urgentie', URGENCY_LABELS[triage.urgency]],
              ['Steun tijdens het wachten', triage.bridging ? 'ja' : 'nee'],
            ]}
          />
          <h3>Waarom</h3>
          {view.intake.domains === null ? (
            <NotShared what="de hulpvraag, en daarmee de redenen van de beoordeling," />
          ) : (
            <ul class="reasons">
              {triage.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p class="muted">Nog niet beoordeeld.</p>
      )}
    </Section>
  );
}

/** The options per need, the bridging partner apart; each open option can be declined with a reason. */
function MatchesSection({ view, act }: { view: CaseView; act: Act }) {
  const groups = groupMatches(view);
  const bridgingUnmet = view.unmetNeeds.find((unmet) => unmet.domain === 'waiting');
  const mayDecline = view.allowedActions.includes('decline-option');
  const [opened, setOpened] = useState<string | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);

  const decline = async (match: MatchItem, reason: string) => {
    const result = await act({ action: 'decline-option', serviceId: match.serviceId, reason });
    if (result.state === 'refused') return reasonFailure(result);
    setOpened(undefined);
    const unmet = result.state === 'done' && match.forNeed && result.view.unmetNeeds.some((need) => need.domain === match.forNeed) ? match.forNeed : undefined;
    setOutcome({
      tone: result.state === 'done' ? 'success' : 'warning',
      message:
        result.state === 'done'
          ? `U wees ${match.name} af.${unmet ? ` Er is geen ander passend aanbod voor ${needLabel(unmet)}.` : ' Het aanbod hieronder is bijgewerkt.'}`
          : result.message,
      key: Date.now(),
    });
    return undefined;
  };
  const extra = (match: MatchItem) => {
    if (!mayDecline || match.declined) return null;
    const id = `decline-option-${match.serviceId}`;
    return opened === match.serviceId ? (
      <ReasonForm
        id={id}
        label={`Waarom past ${match.name} niet?`}
        hint="Het volgende beste aanbod neemt het over. De reden staat in de tijdlijn."
        required
        submitLabel="Aanbod afwijzen"
        onSubmit={(reason) => decline(match, reason)}
        onCancel={() => {
          setOpened(undefined);
          setTimeout(() => document.getElementById(`${id}-open`)?.focus(), 0);
        }}
      />
    ) : (
      <Button variant="quiet" id={`${id}-open`} onClick={() => setOpened(match.serviceId)}>
        Aanbod afwijzen…<span class="visually-hidden"> ({match.name})</span>
      </Button>
    );
  };

  return (
    <Section title="Aanbod" id="matches-title">
      {outcome ? (
        <Notice key={outcome.key} tone={outcome.tone} takeFocus>
          <p>{outcome.message}</p>
        </Notice>
      ) : null}
      {view.matches.length === 0 && view.unmetNeeds.length === 0 ? <p class="muted">Geen aanbod gekoppeld.</p> : null}
      {groups.bridging.length || bridgingUnmet ? (
        <div class="need-group">
          <h3>Steun tijdens het wachten</h3>
          {groups.bridging.length ? <MatchList matches={groups.bridging} showNeed={false} extra={extra} /> : null}
          {bridgingUnmet ? <Unmet unmet={bridgingUnmet} /> : null}
        </div>
      ) : null}
      {groups.needs.map((group) => (
        <NeedMatches key={group.need} group={group} extra={extra} />
      ))}
    </Section>
  );
}

function NeedMatches({ group, extra }: { group: NeedGroup; extra: (match: MatchItem) => ComponentChildren }) {
  if (group.need === null) {
    return (
      <div class="need-group">
        <h3>Per hulpvraag</h3>
        <NotShared what="de hulpvraag, en dus voor welke hulpvraag elk aanbod is," />
        <MatchList matches={group.matches} showNeed={false} extra={extra} />
      </div>
    );
  }
  return (
    <div class="need-group">
      <h3>
        {capitalise(needLabel(group.need))}
        {group.level ? <span class="muted"> · {NEED_LEVEL_LABELS[group.level]} hulpvraag</span> : null}
      </h3>
      {group.matches.length ? <MatchList matches={group.matches} showNeed={false} extra={extra} /> : null}
      {group.unmet ? <Unmet unmet={group.unmet} /> : group.matches.length === 0 ? <p class="muted">Geen aanbod gekoppeld.</p> : null}
    </div>
  );
}

function Unmet({ unmet }: { unmet: CaseView['unmetNeeds'][number] }) {
  return (
    <p class="unmet">
      <Badge tone="attention">nog geen passend aanbod</Badge> {capitalise(UNMET_NEED_REASON_LABELS[unmet.reason])}. {unmet.detail}
    </p>
  );
}

function FollowUpSection({ view }: { view: CaseView }) {
  return (
    <Section title="Eerste contact en uitkomsten" id="follow-up-title">
      <Facts
        items={[
          ['Eerste contact', view.firstContact ? `${formatDate(view.firstContact.date)}, ${CHANNEL_LABELS[view.firstContact.channel]}` : 'nog niet'],
          ['Afgesloten', view.closedAt ? formatDate(view.closedAt) : undefined],
        ]}
      />
      {view.outcomes.length ? (
        <ul class="reasons">
          {view.outcomes.map((outcome) => (
            <li key={outcome.need}>
              <strong>{capitalise(needLabel(outcome.need))}</strong>: {NEED_OUTCOME_LABELS[outcome.result]}
              {outcome.unmetReason ? ` (${UNMET_NEED_REASON_LABELS[outcome.unmetReason]})` : ''} <span class="muted">· {formatDate(outcome.at)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Nog geen uitkomsten vastgelegd.</p>
      )}
    </Section>
  );
}

/** How to reach the client and the referrer: high on the page, because the first contact is the point. */
function ReachSection({ view }: { view: CaseView }) {
  const { referrer } = view;
  return (
    <Section title="Contact" id="reach-title">
      <h3>De cliënt</h3>
      <ClientContactFacts contact={view.client.contact} />
      <h3>De verwijzer</h3>
      <PersonContact name={`${referrerName(referrer)}, ${referrer.organisation}`} phone={referrer.phone} email={referrer.email} />
    </Section>
  );
}

/** What the referrer added to the case after sending it. */
function AmendmentsSection({ view }: { view: CaseView }) {
  if (!view.amendments.length) return null;
  return (
    <Section title="Aanvullingen van de verwijzer" id="amendments-title">
      <ul class="reasons">
        {view.amendments.map((amendment) => (
          <li key={amendment.at}>
            <span class="muted">{formatDateTime(amendment.at)}</span>
            {amendment.newNeeds.length ? <> · nieuwe hulpvraag: {amendment.newNeeds.map((need) => needLabel(need)).join(', ')}</> : null}
            {amendment.note ? <p>{amendment.note}</p> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The time limits: which passed and when (the time-limits run records it), and which did not. */
function DeadlinesSection({ view }: { view: CaseView }) {
  return (
    <Section title="Termijnen" id="deadlines-title">
      <p class="field-hint">Overbrug controleert de termijnen elk kwartier en legt vast wanneer er een verstreek.</p>
      <Facts
        items={TIME_LIMITS.filter((limit) => limit !== 'reassessment' || view.reassessment).map((limit) => {
          const at = view.deadlines[DEADLINE_OF[limit]];
          return [
            TIME_LIMIT_NAMES[limit],
            at ? (
              <>
                <span aria-hidden="true">⚠ </span>
                <strong>verstreken</strong> op {formatDateTime(at)}: {TIME_LIMIT_LABELS[limit]}
              </>
            ) : (
              'niet verstreken'
            ),
          ] as const;
        })}
      />
    </Section>
  );
}
