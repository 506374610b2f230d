import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ContactPersonRecords, KaartRecords, NeedClaims, Queue, ReferralRecords, Transition } from './ports.ts';
import { INTAKE_CLAIM } from './keys.ts';
import { grantsFrom, mayShare, withdraw } from '../domain/consent.ts';
import { ActionRefused, changeFor, checkAction, type CaseAction, type NoticeKind } from '../domain/lifecycle.ts';
import { endedHandOffs, partnerWasTold } from '../domain/hand-off.ts';
import { indexKaart, matchReferral } from '../domain/matching.ts';
import type { Match, Need, Referral, TimelineEntry } from '../domain/referral.ts';
import { triage } from '../domain/triage.ts';
import { ROUTE_LABELS, URGENCY_LABELS } from '../domain/vocabulary.ts';
import type { Access } from '../access/caller.ts';
import { logger, metrics } from '../powertools.ts';
import { regionById } from '../regions/index.ts';
import { needDomainsOf } from '../domain/amendment.ts';
import { describeError } from '../errors.ts';
import { assignByHand, widenSearch } from './desk-actions.ts';
import { releaseEverything } from './release.ts';
import { DuplicateReferralError } from './submit-referral.ts';

export interface CaseActionDeps {
  referrals: ReferralRecords;
  kaart: KaartRecords;
  contactPersons: ContactPersonRecords;
  openNeeds: NeedClaims;
  queue: Queue;
  now: () => Date;
}

/**
 * What a person does with a referral: the lifecycle's rules decide whether they may, the change
 * is one conditional write on the status and version they saw, and what follows is set in motion
 * (feedback to the referrer, a new contact person, places given back).
 */
export async function actOnReferral(deps: CaseActionDeps, referral: Referral, action: CaseAction, access: Access): Promise<Referral> {
  const { referralId } = referral;
  checkAction(referral, action, access.role);
  const now = deps.now();
  const caller = actorOf(access);

  if (action.action === 'decline-option') return declineOption(deps, referral, action, caller, now);
  if (action.action === 'record-intake') return recordIntake(deps, referral, action, caller, now);
  if (action.action === 'reassess') return reassess(deps, referral, action, caller, now);
  // The coordinator's desk: by hand, or in a neighbouring gemeente too (desk-actions.ts).
  if (action.action === 'assign') return assignByHand(deps, referral, action, caller, now, write);
  if (action.action === 'widen-search') return widenSearch(deps, referral, action, caller, now, write);
  if (action.action === 'withdraw-consent') {
    const grants = withdraw(referral.consentGrants ?? grantsFrom(referral.consent), action.recipient, action.data);
    const withdrawn = action.data ?? ['alles'];
    // Partners may no longer know the client's needs: the hand-off ends, and a partner told of the
    // client hears so (no client details: stop using what was shared), as when a case closes.
    const handOffEnds = !mayShare({ consent: referral.consent, consentGrants: grants }, 'partners', 'functional-needs') && endedHandOffs({ ...referral, consentGrants: grants }).length > 0;
    const updated = await write(deps, referral, {
      set: {
        consentGrants: grants,
        consentHistory: [...(referral.consentHistory ?? []), { at: now.toISOString(), by: caller.id, recipient: action.recipient, withdrawn }],
      },
      ...(handOffEnds ? { addNotices: ['bridging-partner-ended' as const] } : {}),
      timeline: [{ event: 'consent-withdrawn', at: now.toISOString(), by: caller.id, actor: caller.actor, detail: `${action.recipient}: ${withdrawn.join(', ')}` }],
    });
    if (handOffEnds) await sendNotices(deps, referralId);
    return updated;
  }

  const change = changeFor(referral, action, caller, now);
  const updated = await write(deps, referral, {
    ...(change.to ? { to: change.to } : {}),
    set: change.set,
    ...(change.notices.length ? { addNotices: change.notices } : {}),
    timeline: change.timeline,
  });
  metrics.addMetric(`CaseAction-${action.action}`, MetricUnit.Count, 1);
  logger.info('Case action taken', { referralId, action: action.action, status: updated.status });

  if (change.release) await releaseEverything(deps, updated);
  if (change.rematch) {
    await deps.queue.send('match', { referralId, origin: 'case-actions', round: `after-decline-${updated.declinedBy?.length ?? 1}` });
  }
  if (change.notices.length) await sendNotices(deps, referralId);
  return updated;
}

/**
 * The cliëntondersteuner recorded the netwerkintake done with the client, for a referral that came
 * without it. The duplicate guard claims the needs it found (refused like a second referral when
 * another open referral of the client holds one), and the referral goes to triage as if it had
 * arrived with its intake; the time limits keep running from the referral.
 */
async function recordIntake(
  deps: CaseActionDeps,
  referral: Referral,
  action: Extract<CaseAction, { action: 'record-intake' }>,
  caller: ReturnType<typeof actorOf>,
  now: Date,
): Promise<Referral> {
  const { referralId, clientKey } = referral;
  // As at referral: what the intake says of a naaste only while the client lets naasten be involved.
  if (action.intake.naaste && !(referral.consentGrants ?? grantsFrom(referral.consent)).naasten?.length) {
    throw new ActionRefused('invalid-action', 'Record a naaste only with consent to involve naasten');
  }
  const needDomains = needDomainsOf(action.intake);
  if (clientKey) {
    const claimed = await deps.openNeeds.claim(clientKey, needDomains, referralId);
    if (!claimed.claimed) throw new DuplicateReferralError(claimed.open, claimed.need);
  }
  let updated: Referral;
  try {
    updated = await write(deps, referral, {
      to: 'received',
      set: { intake: action.intake, needDomains, ...(action.waiting ? { waiting: action.waiting } : {}) },
      timeline: [{ event: 'intake-recorded', at: now.toISOString(), by: caller.id, actor: caller.actor }],
    });
  } catch (error) {
    if (clientKey) await deps.openNeeds.release(clientKey, needDomains, referralId);
    throw error;
  }
  if (clientKey) await deps.openNeeds.release(clientKey, [INTAKE_CLAIM], referralId);
  metrics.addMetric('CaseAction-record-intake', MetricUnit.Count, 1);
  logger.info('Netwerkintake recorded', { referralId, needs: needDomains });
  try {
    // Now the triage step decides the route (the round names this pass in the logs).
    await deps.queue.send('triage', { referralId, origin: 'case-actions', round: 'after-intake' });
  } catch (error) {
    // The referral is received: the sweeper hands it to triage.
    logger.warn('Enqueue for triage failed; the sweeper will pick the referral up', { referralId, error: describeError(error) });
  }
  return updated;
}

/** Who acted, as the timeline records it: their pseudonymous id, role and name. */
function actorOf(access: Access) {
  return { id: access.caller.id, actor: { role: access.role, ...(access.caller.name ? { name: access.caller.name } : {}) } };
}

async function write(
  deps: CaseActionDeps,
  referral: Referral,
  change: Omit<Transition, 'from' | 'expectVersion'>,
): Promise<Referral> {
  const updated = await deps.referrals.transition(referral, {
    from: referral.status,
    expectVersion: referral.version ?? 0,
    ...change,
  });
  if (!updated) throw new ActionRefused('stale', 'The referral changed meanwhile; load it again and retry');
  return updated;
}

/** The notify step sends what the referral owes; a lost message is caught up by the time-limits run. */
export async function sendNotices(deps: Pick<CaseActionDeps, 'queue'>, referralId: string): Promise<void> {
  try {
    await deps.queue.send('notify', { referralId, origin: 'case-actions' });
  } catch (error) {
    logger.warn('Enqueue of notices failed; the time-limits run will catch up', { referralId, error: (error as Error).name });
  }
}

/**
 * The contact person turns one option down. Its place goes back; when it was the first choice (the
 * option holding the place, or the bridging partner), the next best option takes over, with a
 * place of its own where it has a limit; one new option from the kaart keeps the list as long as it
 * was. With nothing left for the need, it is recorded as unmet.
 */
async function declineOption(
  deps: CaseActionDeps,
  referral: Referral,
  action: Extract<CaseAction, { action: 'decline-option' }>,
  caller: ReturnType<typeof actorOf>,
  now: Date,
): Promise<Referral> {
  const at = now.toISOString();
  const matches = referral.matches ?? [];
  const declined = matches.find((match) => match.serviceId === action.serviceId && !match.declined);
  if (!declined) throw new ActionRefused('invalid-action', `Service ${action.serviceId} is not an open option of this referral`);

  const sameNeed = (match: Match) => match.forNeed === declined.forNeed && match.kind === declined.kind;
  const remaining = matches.filter((match) => sameNeed(match) && !match.declined && match !== declined).sort((a, b) => a.rank - b.rank);
  const { triageRules } = regionById(referral.regionId);
  const kaart = indexKaart(await deps.kaart.listRegion(referral.regionId));
  const fresh = matchReferral({ referralId: referral.referralId, client: referral.client, triage: referral.triage! }, kaart, {
    rules: triageRules.matching,
    now,
    exclude: new Set(matches.map((match) => match.serviceId)),
  }).matches.filter(sameNeed);
  const wantsPlace = (serviceId: string) => kaart.services.find((service) => service.serviceId === serviceId)?.capacity !== null;

  // The first choice went: the next one, listed or new, takes over, if it has a place for the client.
  const reserved: string[] = [];
  let promoted: Match | undefined;
  if (declined.placeReserved || declined.kind === 'bridging' || remaining.length === 0) {
    for (const candidate of [...remaining, ...fresh]) {
      const outcome = wantsPlace(candidate.serviceId) ? await deps.kaart.reserve(candidate.serviceId, referral.referralId) : 'claimed';
      if (outcome !== 'claimed' && outcome !== 'already-held') continue;
      if (outcome === 'claimed' && wantsPlace(candidate.serviceId)) reserved.push(candidate.serviceId);
      promoted = candidate;
      break;
    }
  }
  // A bridging client has exactly one partner; care options keep their number.
  const topUp = declined.kind === 'care' ? fresh.find((candidate) => candidate.serviceId !== promoted?.serviceId) : undefined;

  let rank = Math.max(...matches.filter(sameNeed).map((match) => match.rank));
  const takeOver = (match: Match): Match => ({
    ...match,
    placeReserved: wantsPlace(match.serviceId),
    reasons: [...match.reasons, `In plaats van ${declined.name}, die werd afgewezen.`, ...(wantsPlace(match.serviceId) ? ['Plaats gereserveerd voor deze cliënt.'] : [])],
  });
  const updatedMatches: Match[] = [
    ...matches.map((match) => {
      if (match === declined) return { ...match, placeReserved: false, declined: { reason: action.reason, at, by: caller.id } };
      return match.serviceId === promoted?.serviceId ? takeOver(match) : match;
    }),
    ...(promoted && !remaining.includes(promoted) ? [{ ...takeOver(promoted), rank: ++rank }] : []),
    ...(topUp ? [{ ...topUp, rank: ++rank, placeReserved: false }] : []),
  ];
  const nothingLeft = !promoted && !topUp && remaining.length === 0;
  const unmetNeeds = nothingLeft
    ? [...(referral.unmetNeeds ?? []), { domain: declined.forNeed, reason: 'not-available' as const, detail: `Geen ander passend aanbod na het afwijzen van ${declined.name}.` }]
    : referral.unmetNeeds;
  // A new bridging partner hears of the client as the first one did (with consent, see notify); the
  // one turned down, if it had heard, hears that the hand-off ended.
  const notices: NoticeKind[] = [
    ...(promoted?.kind === 'bridging' ? (['bridging-partner'] as const) : []),
    ...(declined.kind === 'bridging' && partnerWasTold(referral, declined.serviceId) ? (['bridging-partner-ended'] as const) : []),
  ];
  const entry = (event: string, detail: string) => ({ event, at, by: caller.id, actor: caller.actor, detail });
  let updated: Referral;
  try {
    updated = await write(deps, referral, {
      set: { matches: updatedMatches, ...(unmetNeeds ? { unmetNeeds } : {}) },
      ...(notices.length ? { addNotices: notices } : {}),
      timeline: [
        entry('option-declined', `${declined.name}: ${action.reason}`),
        ...(promoted ? [entry('option-promoted', promoted.name)] : []),
        ...(topUp ? [entry('option-added', topUp.name)] : []),
        ...(nothingLeft ? [entry('no-other-option', declined.forNeed)] : []),
      ],
    });
  } catch (error) {
    // The case changed meanwhile: give back the places taken for this attempt, unless the change
    // that won (the same click twice) holds them now.
    const current = await deps.referrals.get(referral.referralId);
    const heldNow = new Set((current?.matches ?? []).filter((match) => match.placeReserved).map((match) => match.serviceId));
    for (const serviceId of reserved) if (!heldNow.has(serviceId)) await deps.kaart.releasePlace(serviceId, referral.referralId);
    throw error;
  }
  if (declined.placeReserved) await deps.kaart.releasePlace(declined.serviceId, referral.referralId);
  if (notices.length) await sendNotices(deps, referral.referralId);
  return updated;
}

const sameNeed = (a: Need | undefined, b: Need) => a !== undefined && a.level === b.level && (a.categories ?? []).join() === (b.categories ?? []).join();

/**
 * The re-assessment of a social-first case (`001:1966-1987`): the contact person says whether ggz is
 * still needed. No: recorded, the social route goes on. Yes: the case is triaged again with the ggz
 * need confirmed, and what is new in the plan (the ggz options, a bridging partner) is matched and
 * comes first for its need; what the client already has stays, the case keeps its status.
 */
async function reassess(
  deps: CaseActionDeps,
  referral: Referral,
  action: Extract<CaseAction, { action: 'reassess' }>,
  caller: ReturnType<typeof actorOf>,
  now: Date,
): Promise<Referral> {
  const at = now.toISOString();
  const entry = (event: string, detail: string): TimelineEntry => ({ event, at, by: caller.id, actor: caller.actor, detail });
  const reassessment = { ggzStillNeeded: action.ggzStillNeeded, at, by: caller.id };
  metrics.addMetric(`CaseAction-reassess-${action.ggzStillNeeded ? 'ggz' : 'no-ggz'}`, MetricUnit.Count, 1);
  if (!action.ggzStillNeeded) {
    return write(deps, referral, { set: { reassessment }, timeline: [entry('reassessed', 'ggz is niet (meer) nodig; de hulp in het sociaal domein gaat door')] });
  }

  const { triageRules } = regionById(referral.regionId);
  const decision = triage(referral, triageRules, now, { ggzConfirmed: true });
  const before = new Map((referral.triage?.needs ?? []).map((need) => [need.domain, need]));
  const changed = decision.needs.filter((need) => !sameNeed(before.get(need.domain), need));
  const matches = referral.matches ?? [];
  const hasPartner = matches.some((match) => match.kind === 'bridging' && !match.declined);
  const kaart = indexKaart(await deps.kaart.listRegion(referral.regionId));
  const result = matchReferral(
    { referralId: referral.referralId, client: referral.client, triage: { ...decision, needs: changed, bridging: decision.bridging && !hasPartner } },
    kaart,
    { rules: triageRules.matching, now, exclude: new Set(matches.map((match) => match.serviceId)) },
  );
  const claimed: string[] = [];
  const held = new Set<string>();
  for (const serviceId of result.placesToReserve) {
    const outcome = await deps.kaart.reserve(serviceId, referral.referralId);
    if (outcome === 'claimed') claimed.push(serviceId);
    if (outcome === 'claimed' || outcome === 'already-held') held.add(serviceId);
  }
  const added = result.matches.map((match) => {
    if (!match.placeReserved) return match;
    const placeReserved = held.has(match.serviceId);
    return { ...match, placeReserved, reasons: [...match.reasons, placeReserved ? 'Plaats gereserveerd voor deze cliënt.' : 'De laatste plaats ging net naar een ander; er is geen plaats gereserveerd.'] };
  });
  // The new options come first for their need; the ones the client had follow them.
  const newPerNeed = (need: Match['forNeed']) => added.filter((match) => match.forNeed === need && match.kind === 'care').length;
  const kept = matches.map((match) => (match.kind === 'care' && newPerNeed(match.forNeed) ? { ...match, rank: match.rank + newPerNeed(match.forNeed) } : match));
  const changedDomains = new Set<string>(changed.map((need) => need.domain));
  const unmetNeeds = [...(referral.unmetNeeds ?? []).filter((unmet) => !changedDomains.has(unmet.domain)), ...result.unmetNeeds];
  const partner = added.find((match) => match.kind === 'bridging');
  let updated: Referral;
  try {
    updated = await write(deps, referral, {
      set: { triage: decision, matches: [...kept, ...added], unmetNeeds, reassessment },
      ...(partner ? { addNotices: ['bridging-partner'] } : {}),
      timeline: [
        entry('reassessed', 'ggz is nog nodig'),
        entry('re-triaged', `${ROUTE_LABELS[decision.route]}, urgentie ${URGENCY_LABELS[decision.urgency]}; ${added.length} nieuwe opties`),
      ],
    });
  } catch (error) {
    for (const serviceId of claimed) await deps.kaart.releasePlace(serviceId, referral.referralId);
    throw error;
  }
  // A new bridging partner hears of the client as a first one does (with consent, see notify).
  if (partner) await sendNotices(deps, referral.referralId);
  return updated;
}
