import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PipelineMessage } from '../../events/contracts.ts';
import type { ContactPersonRecords, Delivery, KaartCache, KaartRecords, Queue, ReferralRecords } from './ports.ts';
import { chooseContactPerson, type ChoiceOptions, type ContactPerson } from '../domain/contact-person.ts';
import { dutchDate } from '../domain/dutch-calendar.ts';
import { matchReferral, type KaartIndex, type MatchResult } from '../domain/matching.ts';
import type { ContactPersonRef, Referral } from '../domain/referral.ts';
import { CLOSED_STATUSES } from '../domain/vocabulary.ts';
import { logger, metrics } from '../powertools.ts';
import { regionById } from '../regions/index.ts';
import { ReferralNotFoundError, type StepOutcome } from './outcome.ts';
import { giveBackWhatWasNotKept, hasOtherOpenCase, releaseLeftOver } from './release.ts';

export interface MatchStepDeps {
  referrals: Pick<ReferralRecords, 'get' | 'transition' | 'casesOfClient'>;
  kaart: Pick<KaartRecords, 'listRegion' | 'reserve' | 'releasePlace'>;
  kaartCache: KaartCache;
  contactPersons: Pick<ContactPersonRecords, 'listRegion' | 'assign' | 'release'>;
  queue: Queue;
  now: () => Date;
}

/** Rounds of "select, reserve, the last place went meanwhile, select again" before settling. */
const MAX_RESERVATION_ROUNDS = 5;

/**
 * Match a triaged referral: options per need plus one bridging partner, places reserved, one
 * contact person assigned (or the referral flagged for the region), then on to notification.
 * Safe to run again, also twice at once: reservations and assignment are idempotent per referral
 * and client, each place records whom it is reserved for (so a retry sees what it holds), the
 * referral's write is conditional on `triaged`, and a run that loses that write gives back what
 * the winner did not keep.
 */
export async function advanceMatch(deps: MatchStepDeps, message: PipelineMessage, delivery: Delivery = { receiveCount: 1 }): Promise<StepOutcome> {
  const { referralId } = message;
  const referral = await deps.referrals.get(referralId);
  if (!referral) throw new ReferralNotFoundError(referralId);
  // A redelivery, a sweep or a redrive may follow an attempt that died after taking a place or a
  // contact person: nothing on the case points to those, so they are looked up on the kaart.
  const retry = delivery.receiveCount > 1 || message.origin === 'sweeper' || message.origin === 'redrive';
  if (retry && CLOSED_STATUSES.includes(referral.status)) {
    await releaseLeftOver(deps, referral);
    return { referralId, status: referral.status, result: 'skipped' };
  }

  if (referral.status === 'matched') return forward(deps, message, referral);
  if (referral.status === 'awaiting-intake') return assignForIntake(deps, message, referral);
  if (referral.status === 'declined' || referral.status === 'flagged-for-region') return reassign(deps, message, referral);
  if (referral.status !== 'triaged' || !referral.triage || referral.triage.route === 'crisis') {
    return { referralId, status: referral.status, result: 'skipped' };
  }

  const now = deps.now();
  const { triageRules } = regionById(referral.regionId);
  const { result, held, touched } = await reservePlaces(deps, referral, triageRules.matching, now, { fresh: retry });

  const people = await deps.contactPersons.listRegion(referral.regionId);
  const previous = referral.reentryOf ? (await deps.referrals.get(referral.reentryOf))?.contactPerson?.id : undefined;
  const { person, continuing } = await assignContactPerson(deps, referral, people, previous ? { previous } : {});
  const contactPerson = person ? contactPersonRef(person) : null;
  const flagReason = person
    ? undefined
    : `Geen cliëntondersteuner in ${referral.client.gemeente} met ruimte in de caseload.`;

  const matches = result.matches.map((match) => {
    const placeReserved = match.placeReserved && held.has(match.serviceId);
    return { ...match, placeReserved, reasons: placeReserved ? [...match.reasons, 'Plaats gereserveerd voor deze cliënt.'] : match.reasons };
  });
  const bridging = matches.find((match) => match.kind === 'bridging');
  const at = now.toISOString();
  const updated = await deps.referrals.transition(referral, {
    from: 'triaged',
    to: 'matched',
    set: { matches, unmetNeeds: result.unmetNeeds, contactPerson, flagReason },
    timeline: [
      {
        event: 'matched',
        at,
        by: 'match',
        detail: `${matches.filter((match) => match.kind === 'care').length} opties; overbrugging: ${bridging?.name ?? 'geen'}`,
      },
      contactPerson
        ? { event: 'contact-person-assigned', at, by: 'match', detail: `${contactPerson.name}${continuing ? ' (dezelfde als eerder)' : ''}` }
        : { event: 'no-contact-person', at, by: 'match', detail: flagReason },
    ],
  });
  if (!updated) {
    return stepAside(deps, referralId, { places: touched, ...(person ? { contactPersonId: person.contactPersonId } : {}) });
  }
  // Only now, with the match written, does the step know which places the case keeps: giving any
  // back earlier could free a place that a copy of this step running at once is about to record.
  await giveBackUnneeded(deps, updated, touched);

  logger.info('Referral matched', {
    options: matches.length,
    bridgingServiceId: bridging?.serviceId,
    reservedServiceIds: [...held],
    unmetNeeds: result.unmetNeeds.map((need) => need.domain),
    contactPersonId: contactPerson?.id,
  });
  metrics.addMetric('ReferralsMatched', MetricUnit.Count, 1);
  if (!bridging && referral.triage.bridging) metrics.addMetric('BridgingUnavailable', MetricUnit.Count, 1);
  if (!contactPerson) metrics.addMetric('NoContactPersonAvailable', MetricUnit.Count, 1);
  return forward(deps, message, updated);
}

/**
 * The contact person declined the case, or nobody had room when it was matched: the client gets a
 * contact person now (never one who declined), the matches and places stay, and the new person is
 * notified. After a decline with nobody with room, the region is flagged; a flagged case stays
 * flagged until someone has room.
 */
async function reassign(deps: MatchStepDeps, message: PipelineMessage, referral: Referral): Promise<StepOutcome> {
  const declinedBy = referral.declinedBy ?? [];
  const people = await deps.contactPersons.listRegion(referral.regionId);
  // The person who declined keeps no slot for this client (unless another case of theirs is open).
  for (const id of declinedBy) {
    const holder = people.find((person) => person.contactPersonId === id);
    if (holder?.clients.includes(referral.client.ref) && !(await hasOtherOpenCase(deps.referrals, referral, id))) {
      await deps.contactPersons.release(id, referral.client.ref);
      holder.clients = holder.clients.filter((ref) => ref !== referral.client.ref);
    }
  }
  const { person } = await assignContactPerson(deps, referral, people, { exclude: declinedBy });
  const flagged = referral.status === 'flagged-for-region';
  // A flagged case waits for room; it is tried again on the time-limits run, quietly until then.
  if (flagged && !person) return { referralId: referral.referralId, status: referral.status, result: 'skipped' };
  const at = deps.now().toISOString();
  const contactPerson = person ? contactPersonRef(person) : null;
  const flagReason = person ? undefined : `Geen andere cliëntondersteuner in ${referral.client.gemeente} met ruimte, na een afwijzing.`;
  const updated = await deps.referrals.transition(referral, {
    from: referral.status,
    to: 'matched',
    set: { contactPerson, flagReason },
    // The new contact person gets their own 2 and 5 working days.
    remove: ['remindedAt', 'escalatedAt', ...(flagged ? (['flagReason', 'deskEscalatedAt'] as const) : [])],
    timeline: [
      contactPerson
        ? { event: 'contact-person-assigned', at, by: 'match', detail: `${contactPerson.name} (${flagged ? 'er kwam ruimte vrij' : 'na afwijzing'})` }
        : { event: 'no-contact-person', at, by: 'match', detail: flagReason },
    ],
  });
  if (!updated) {
    return stepAside(deps, referral.referralId, { places: [], ...(person ? { contactPersonId: person.contactPersonId } : {}) });
  }
  logger.info('Contact person assigned again', { contactPersonId: contactPerson?.id, declinedBy, after: flagged ? 'flagged' : 'declined' });
  return forward(deps, message, updated);
}


/**
 * A referral that came without its netwerkintake gets its contact person at once, by the same rules
 * (the one the client already has, then someone in their gemeente with room), who is asked to do
 * the intake with the client. Nobody with room: the region is told, and every time-limits run
 * tries again. The status stays `awaiting-intake` until the intake is recorded.
 */
async function assignForIntake(deps: MatchStepDeps, message: PipelineMessage, referral: Referral): Promise<StepOutcome> {
  const { referralId } = referral;
  if (referral.contactPerson) {
    return referral.pendingNotices?.length ? forward(deps, message, referral) : { referralId, status: referral.status, result: 'skipped' };
  }
  const people = await deps.contactPersons.listRegion(referral.regionId);
  const { person, continuing } = await assignContactPerson(deps, referral, people);
  // Still nobody with room, and the region knows: quietly wait for the next try.
  if (!person && referral.flagReason) return { referralId, status: referral.status, result: 'skipped' };
  const at = deps.now().toISOString();
  const contactPerson = person ? contactPersonRef(person) : null;
  const flagReason = person ? undefined : `Geen cliëntondersteuner in ${referral.client.gemeente} met ruimte in de caseload voor de netwerkintake.`;
  const updated = await deps.referrals.transition(referral, {
    from: 'awaiting-intake',
    // Once: a copy of this step, or a hand-over, that assigned someone meanwhile wins.
    whileUnassigned: true,
    set: { contactPerson, flagReason },
    addNotices: ['intake-request'],
    timeline: [
      contactPerson
        ? { event: 'intake-requested', at, by: 'match', detail: `${contactPerson.name}${continuing ? ' (dezelfde als eerder)' : ''}` }
        : { event: 'no-contact-person', at, by: 'match', detail: flagReason },
    ],
  });
  if (!updated) return stepAside(deps, referralId, { places: [], ...(person ? { contactPersonId: person.contactPersonId } : {}) });
  logger.info('Contact person asked for the netwerkintake', { contactPersonId: contactPerson?.id });
  if (!contactPerson) metrics.addMetric('NoContactPersonAvailable', MetricUnit.Count, 1);
  return forward(deps, message, updated);
}

/** The contact person as the referral keeps them: who they are and how to reach them. */
const contactPersonRef = (person: ContactPerson): ContactPersonRef => ({
  id: person.contactPersonId,
  name: person.name,
  email: person.email,
  ...(person.phone ? { phone: person.phone } : {}),
});

async function forward(deps: MatchStepDeps, message: PipelineMessage, referral: Referral): Promise<StepOutcome> {
  await deps.queue.send('notify', { referralId: referral.referralId, correlationId: message.correlationId, origin: 'match' });
  return { referralId: referral.referralId, status: referral.status, result: 'forwarded' };
}

/** Another writer moved the referral on: what this step took and the referral does not keep goes back, and the step stops. */
async function stepAside(deps: MatchStepDeps, referralId: string, taken: Parameters<typeof giveBackWhatWasNotKept>[2]): Promise<StepOutcome> {
  const current = await giveBackWhatWasNotKept(deps, referralId, taken);
  if (!current) throw new ReferralNotFoundError(referralId);
  return { referralId, status: current.status, result: 'skipped' };
}

/** The places this run held or found held (`touched`) that the written match does not keep go back. */
async function giveBackUnneeded(deps: MatchStepDeps, written: Referral, touched: Iterable<string>): Promise<void> {
  const kept = new Set((written.matches ?? []).filter((match) => match.placeReserved).map((match) => match.serviceId));
  for (const serviceId of touched) {
    if (!kept.has(serviceId) && (await deps.kaart.releasePlace(serviceId, written.referralId))) {
      deps.kaartCache.noteReleased(written.regionId, serviceId, written.referralId);
    }
  }
}

/**
 * Select options and take places for the first option per need and the bridging partner. When a
 * place went to another referral meanwhile, select again without that service. Answers the places
 * the final selection holds (`held`) and every place this run took or found held for the referral
 * (`touched`: what an earlier attempt took, the kaart says whom a place is reserved for, and what a
 * reselection left behind); the caller gives back what the written match does not keep.
 * `fresh`: read the kaart itself, not this function's copy (a retry).
 */
async function reservePlaces(
  deps: MatchStepDeps,
  referral: Referral,
  rules: Parameters<typeof matchReferral>[2]['rules'],
  now: Date,
  { fresh }: { fresh: boolean },
): Promise<{ result: MatchResult; held: Set<string>; touched: Set<string> }> {
  const { referralId, regionId, client } = referral;
  const request = { referralId, client, triage: referral.triage! };
  const exclude = new Set<string>();
  let kaart = await deps.kaartCache.kaart(regionId, { fresh });
  // Only a retry looks for what an earlier attempt took: a first run has nothing to find.
  const touched = new Set(fresh ? kaart.services.filter((service) => service.reservedFor.includes(referralId)).map((service) => service.serviceId) : []);
  const held = new Set<string>();
  let result = matchReferral(request, kaart, { rules, now, exclude });

  for (let round = 1; ; round++) {
    let conflict = false;
    for (const serviceId of result.placesToReserve.filter((id) => !held.has(id))) {
      const outcome = await deps.kaart.reserve(serviceId, referralId);
      if (outcome === 'claimed' || outcome === 'already-held') {
        held.add(serviceId);
        touched.add(serviceId);
        deps.kaartCache.noteReserved(regionId, serviceId, referralId);
      } else {
        logger.info('A place went to another referral meanwhile; selecting again', { serviceId, outcome });
        exclude.add(serviceId);
        conflict = true;
      }
    }
    if (!conflict) break;
    kaart = await deps.kaartCache.kaart(regionId, { fresh: true });
    result = matchReferral(request, kaart, { rules, now, exclude });
    if (round === MAX_RESERVATION_ROUNDS) {
      // Places keep going to others: settle for this selection without the full services, and
      // reserve nothing more (the matches say which places are held).
      logger.warn('Places kept going to other referrals; settling without reserving more', { rounds: round });
      break;
    }
  }

  // A place held but no longer in the selection (left by a reselection) is not held for the match.
  for (const serviceId of held) if (!result.placesToReserve.includes(serviceId)) held.delete(serviceId);
  return { result, held, touched };
}

async function assignContactPerson(
  deps: MatchStepDeps,
  referral: Referral,
  people: ContactPerson[],
  options: ChoiceOptions = {},
): Promise<{ person?: ContactPerson; continuing: boolean }> {
  // Nobody deactivated or absent today (the Dutch calendar day) gets a new case.
  const { candidates, continuing } = chooseContactPerson(referral.client.ref, referral.client.gemeente, people, { ...options, today: dutchDate(deps.now()) });
  for (const candidate of candidates) {
    const outcome = await deps.contactPersons.assign(candidate.contactPersonId, referral.client.ref);
    if (outcome === 'claimed' || outcome === 'already-held') return { person: candidate, continuing };
  }
  return { continuing: false };
}
