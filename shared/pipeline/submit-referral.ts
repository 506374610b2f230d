import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CaseNumberSequence, ClientContactRecords, NeedClaims, OpenReferral, Queue, ReferralRecords, SubmissionKeyClaims } from './ports.ts';
import { clientKeyOf, INTAKE_CLAIM, requestHash } from './keys.ts';
import { needDomainsOf } from '../domain/amendment.ts';
import { formatCaseNumber } from '../domain/case-number.ts';
import { grantsFrom } from '../domain/consent.ts';
import { dutchDate } from '../domain/dutch-calendar.ts';
import { crisisInstructions } from '../domain/public-region.ts';
import { referrerOf, type Referral, type ReferralRequest, type ReferrerAccount } from '../domain/referral.ts';
import type { RegionConfig } from '../domain/region.ts';
import { triage } from '../domain/triage.ts';
import { describeError } from '../errors.ts';
import { ROUTE_LABELS, URGENCY_LABELS } from '../domain/vocabulary.ts';
import { logger, metrics } from '../powertools.ts';

export interface SubmitDeps {
  referrals: Pick<ReferralRecords, 'create' | 'get' | 'casesOfClient'>;
  clientContacts: Pick<ClientContactRecords, 'put'>;
  caseNumbers: CaseNumberSequence;
  queue: Queue;
  claims: SubmissionKeyClaims;
  openNeeds: NeedClaims;
  now: () => Date;
}

export interface SubmitInput {
  request: ReferralRequest;
  /**
   * The signed-in referrer: their user id (Idempotency-Keys are theirs), organisation, and who
   * they are by their account (the referral's referrer, whatever the body said).
   */
  submitter: { id: string; organisationId: string } & ReferrerAccount;
  correlationId: string;
  idempotencyKey?: string;
  /** No intake was sent: the cliëntondersteuner does the netwerkintake with the client (`awaiting-intake`). */
  awaitingIntake?: boolean;
}

export interface SubmitAnswer {
  referralId: string;
  /** The number people name the case by (RV-2026-00412). */
  caseNumber?: string;
  /** `received`: taken in (and triaged at once; matching follows); `awaiting-intake`: its netwerkintake comes first. */
  status: 'received' | 'awaiting-intake';
  /** The closed case of this client (within a year) this referral continues. */
  reentryOf?: string;
  /** Present when the intake means crisis: whom to call now, before any e-mail arrives. */
  crisis?: ReturnType<typeof crisisInstructions>;
}

/** The client has an open referral for one of these needs already (across referrers). */
export class DuplicateReferralError extends Error {
  readonly open: OpenReferral;
  readonly need: string;

  constructor(open: OpenReferral, need: string) {
    super(`Referral ${open.referralId} is open for this client and need ${need}`);
    this.name = 'DuplicateReferralError';
    this.open = open;
    this.need = need;
  }

  /** Whether the open referral is this organisation's own: only then may it learn its id and need. */
  isOwnedBy(organisationId: string | undefined): boolean {
    return organisationId !== undefined && this.open.referrerOrganisationId === organisationId;
  }
}

/** A case closed this long ago or less comes back to the same contact person, on its old intake. */
export const REENTRY_WITHIN_DAYS = 365;

/**
 * Re-entry: what the referrer leaves out is taken from the closed case (the story's answers, the
 * domains when none are given), so nobody starts the intake over. What they send wins.
 */
export function continueIntake(previous: Referral['intake'], next: ReferralRequest['intake']): ReferralRequest['intake'] {
  return {
    story: { ...previous.story, ...Object.fromEntries(Object.entries(next.story).filter(([, value]) => value)) },
    domains: next.domains.length ? next.domains : previous.domains,
    flags: next.flags,
  };
}

/** The same Idempotency-Key was used before for a different referral. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('Idempotency-Key used before for a different referral');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * Triages the referral (the one place a new referral's route is decided), stores it triaged, then
 * enqueues it: for matching, or a crisis straight for the notify step, which hands it off to the
 * crisis service. Once the write succeeded the referral is accepted: if the enqueue fails, the
 * sweeper picks the referral up from the table, so the caller still gets 202.
 * With an Idempotency-Key the key is claimed first, so the same key with the same referral gives
 * the same referral id and stores nothing new, whenever and however often it comes back within a
 * day; with another referral it is refused.
 */
export async function submitReferral(deps: SubmitDeps, config: RegionConfig, input: SubmitInput): Promise<SubmitAnswer> {
  const now = deps.now();
  // The referrer is who the account says: what the body said of name, organisation and e-mail is dropped.
  let request: ReferralRequest = { ...input.request, referrer: referrerOf(input.request, input.submitter) };
  let referralId: string = randomUUID();

  if (input.idempotencyKey) {
    const hash = requestHash(request);
    const claim = await deps.claims.claim(input.submitter.id, input.idempotencyKey, { referralId, requestHash: hash }, now);
    if (!claim.claimed) {
      if (claim.existing.requestHash !== hash) throw new IdempotencyKeyReusedError();
      referralId = claim.existing.referralId;
      const stored = await deps.referrals.get(referralId);
      if (stored) {
        // An earlier attempt stored it; if it may have died before storing the contact details or
        // before the enqueue, do those again (the same item; every consumer is idempotent).
        if (stored.hasClientContact && request.client.contact) await deps.clientContacts.put(referralId, request.client.contact);
        await enqueue(deps, stored, input.correlationId);
        return answer(stored, config);
      }
      // The earlier attempt died between claim and store: store it now, under the claimed id.
    }
  }

  const regionId = config.region.regionId;
  const clientKey = clientKeyOf(regionId, request.client.ref);
  const cases = await deps.referrals.casesOfClient(clientKey);
  const previous = await closedCaseToContinue(deps, cases, now);
  if (previous) request = { ...request, intake: continueIntake(previous.intake, request.intake) };
  const needDomains = needDomainsOf(request.intake);

  const decision = triage(request, config.triageRules, now);
  // A crisis is never refused and never blocks: it goes past the duplicate guard, and never waits for an intake.
  const isCrisis = decision.route === 'crisis';
  // A client back within the year continues the earlier intake: nothing to wait for.
  const awaitingIntake = input.awaitingIntake === true && !isCrisis && !previous;
  if (!isCrisis) {
    const claimed = await deps.openNeeds.claim(clientKey, awaitingIntake ? [INTAKE_CLAIM] : needDomains, referralId);
    if (!claimed.claimed) throw new DuplicateReferralError(claimed.open, claimed.need);
  }

  const at = now.toISOString();
  const year = dutchDate(now).slice(0, 4);
  const caseSequence = await deps.caseNumbers.next(regionId, year);
  // How to reach the client is kept apart from the referral (its own table); the referral only knows it is there.
  const { contact, ...client } = request.client;
  const referral: Referral = {
    referralId,
    regionId,
    caseNumber: formatCaseNumber(config.region.caseNumberPrefix, year, caseSequence),
    caseSequence,
    status: awaitingIntake ? 'awaiting-intake' : 'triaged',
    clientKey,
    referrerOrganisationId: input.submitter.organisationId,
    repeatClient: cases.some((earlier) => earlier.referralId !== referralId),
    needDomains: isCrisis ? [] : needDomains,
    createdAt: at,
    statusChangedAt: at,
    referrer: referrerOf(request, input.submitter),
    client,
    ...(contact ? { hasClientContact: true } : {}),
    ...(request.waiting ? { waiting: request.waiting } : {}),
    intake: request.intake,
    consent: request.consent,
    consentGrants: grantsFrom(request.consent),
    ...(previous ? { reentryOf: previous.referralId } : {}),
    // Without its netwerkintake there is nothing to triage yet: the triage step does it once the intake is recorded.
    ...(awaitingIntake ? {} : { triage: decision }),
    timeline: [
      {
        event: awaitingIntake ? 'awaiting-intake' : 'received',
        at,
        by: input.submitter.id,
        actor: { role: 'verwijzer', name: input.submitter.name },
      },
      ...(previous ? [{ event: 're-entry', at, by: 'submit-referral', detail: `vervolg op ${previous.referralId}` }] : []),
      ...(awaitingIntake ? [] : [{ event: 'triaged', at, by: 'triage', detail: `${ROUTE_LABELS[decision.route]}, urgentie ${URGENCY_LABELS[decision.urgency]}` }]),
    ],
  };
  if (await deps.referrals.create(referral)) {
    logger.appendKeys({ referralId });
    metrics.addMetric('ReferralsReceived', MetricUnit.Count, 1);
    if (!awaitingIntake) {
      logger.info('Referral triaged', { route: decision.route, urgency: decision.urgency, rules: decision.rules });
      const perRoute = metrics.singleMetric();
      perRoute.addDimension('route', decision.route);
      perRoute.addMetric('ReferralsTriaged', MetricUnit.Count, 1);
    }
  } else if (!input.idempotencyKey) {
    throw new Error(`Referral id ${referralId} collided`);
  }
  // After the referral, so that contact details never exist without the case whose retention removes them.
  if (contact) await deps.clientContacts.put(referralId, contact);
  await enqueue(deps, referral, input.correlationId);
  return { ...answer(referral, config), ...(previous ? { reentryOf: previous.referralId } : {}) };
}

/** The client's newest case closed within the re-entry period, if any. */
async function closedCaseToContinue(
  deps: SubmitDeps,
  cases: Awaited<ReturnType<ReferralRecords['casesOfClient']>>,
  now: Date,
): Promise<Referral | undefined> {
  const since = new Date(now.getTime() - REENTRY_WITHIN_DAYS * 86_400_000).toISOString();
  const closed = cases.find((earlier) => earlier.status === 'closed' && earlier.closedAt && earlier.closedAt >= since);
  return closed ? deps.referrals.get(closed.referralId) : undefined;
}

/**
 * Passes a stored referral to its next step, unless it is past it already (a resubmission after a
 * crash): matching, the crisis hand-off, the intake request, or (stored by an earlier version) triage.
 */
async function enqueue(deps: SubmitDeps, referral: Pick<Referral, 'referralId' | 'status' | 'triage'>, correlationId: string): Promise<void> {
  const { referralId } = referral;
  const origin = 'submit-referral';
  const message =
    referral.status === 'triaged'
      ? { queue: referral.triage?.route === 'crisis' ? ('notify' as const) : ('match' as const), round: undefined }
      : referral.status === 'awaiting-intake'
        ? { queue: 'match' as const, round: 'intake' }
        : referral.status === 'received'
          ? { queue: 'triage' as const, round: undefined }
          : undefined;
  if (!message) return;
  try {
    await deps.queue.send(message.queue, { referralId, correlationId, origin, ...(message.round ? { round: message.round } : {}) });
  } catch (error) {
    logger.warn('Enqueue failed; the sweeper will pick the referral up', { queue: message.queue, error: describeError(error) });
    metrics.addMetric('EnqueueFailures', MetricUnit.Count, 1);
  }
}

function answer(referral: Pick<Referral, 'referralId' | 'caseNumber' | 'status' | 'triage'>, config: RegionConfig): SubmitAnswer {
  return {
    referralId: referral.referralId,
    ...(referral.caseNumber ? { caseNumber: referral.caseNumber } : {}),
    status: referral.status === 'awaiting-intake' ? 'awaiting-intake' : 'received',
    // Whom to call now, in the answer itself, rather than after a queue and an e-mail.
    ...(referral.triage?.route === 'crisis' ? { crisis: crisisInstructions(config.region) } : {}),
  };
}
