import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AMENDABLE, amendedIntake, needDomainsOf, type AmendmentRequest } from '../domain/amendment.ts';
import { ActionRefused } from '../domain/lifecycle.ts';
import { indexKaart, matchReferral } from '../domain/matching.ts';
import { crisisInstructions } from '../domain/public-region.ts';
import { currentBridging } from '../domain/referral-stats.ts';
import type { Match, Referral } from '../domain/referral.ts';
import { triage } from '../domain/triage.ts';
import type { Access } from '../access/caller.ts';
import { logger, metrics } from '../powertools.ts';
import { regionById } from '../regions/index.ts';
import { sendNotices, type CaseActionDeps } from './case-actions.ts';
import { DuplicateReferralError } from './submit-referral.ts';

/** An amendment that signals acute risk: that is a crisis, which never waits as an amendment. */
export class CrisisAmendmentError extends Error {
  readonly crisis: ReturnType<typeof crisisInstructions>;

  constructor(crisis: ReturnType<typeof crisisInstructions>) {
    super('Acute risk is a crisis, not an amendment: call the crisis service and submit a new referral');
    this.name = 'CrisisAmendmentError';
    this.crisis = crisis;
  }
}

/**
 * The referrer adds to an open referral of their organisation. The intake takes the new answers,
 * the triage runs again on it, and needs that are new get options (and a place at the first one,
 * where it has places) as the first needs did; a client who now waits for ggz without a bridging
 * partner gets one. The case keeps its status, the duplicate guard claims the new needs, and the
 * contact person (or the region, while it has the case) is told. One conditional write on the
 * version the referrer saw; what it took goes back if that write loses.
 */
export async function amendReferral(deps: CaseActionDeps, referral: Referral, amendment: AmendmentRequest, access: Access): Promise<Referral> {
  const { referralId } = referral;
  const { region, triageRules } = regionById(referral.regionId);
  if (!AMENDABLE.includes(referral.status)) {
    throw new ActionRefused(
      'wrong-status',
      `A referral that is ${referral.status} cannot be amended; allowed from: ${AMENDABLE.join(', ')}${referral.status === 'closed' || referral.status === 'withdrawn' ? '' : ' (while Overbrug still matches it, try again in a moment)'}`,
    );
  }
  if (amendment.flags?.includes('acute-risk') && !referral.intake.flags.includes('acute-risk')) throw new CrisisAmendmentError(crisisInstructions(region));

  const now = deps.now();
  const at = now.toISOString();
  const intake = amendedIntake(referral.intake, amendment);
  const needDomains = needDomainsOf(intake);
  const added = needDomains.filter((domain) => !(referral.needDomains ?? []).includes(domain));
  if (added.length && referral.clientKey) {
    const claimed = await deps.openNeeds.claim(referral.clientKey, added, referralId);
    if (!claimed.claimed) throw new DuplicateReferralError(claimed.open, claimed.need);
  }

  const decision = triage({ ...referral, intake }, triageRules, now);
  const known = new Set((referral.triage?.needs ?? []).map((need) => need.domain));
  const newNeeds = decision.needs.filter((need) => !known.has(need.domain));
  const addBridging = decision.bridging && !currentBridging(referral);
  const existing = referral.matches ?? [];
  const kaart = indexKaart(await deps.kaart.listRegion(referral.regionId));
  const found =
    newNeeds.length || addBridging
      ? matchReferral({ referralId, client: referral.client, triage: { ...decision, needs: newNeeds, bridging: addBridging } }, kaart, {
          rules: triageRules.matching,
          now,
          exclude: new Set(existing.map((match) => match.serviceId)),
        })
      : { matches: [], unmetNeeds: [], placesToReserve: [] };
  const held = new Set<string>();
  for (const serviceId of found.placesToReserve) {
    const outcome = await deps.kaart.reserve(serviceId, referralId);
    if (outcome === 'claimed' || outcome === 'already-held') held.add(serviceId);
  }
  const newMatches: Match[] = found.matches.map((match) => {
    const placeReserved = match.placeReserved && held.has(match.serviceId);
    return { ...match, placeReserved, reasons: placeReserved ? [...match.reasons, 'Plaats gereserveerd voor deze cliënt.'] : match.reasons };
  });

  const person = { role: access.role, ...(access.caller.name ? { name: access.caller.name } : {}) };
  const amendments = [...(referral.amendments ?? []), { at, by: access.caller.id, newNeeds: added, ...(amendment.note ? { note: amendment.note } : {}), processedAt: at }];
  const updated = await deps.referrals.transition(referral, {
    from: referral.status,
    expectVersion: referral.version ?? 0,
    set: {
      intake,
      needDomains,
      triage: { ...decision, decidedAt: at },
      matches: [...existing, ...newMatches],
      unmetNeeds: [...(referral.unmetNeeds ?? []), ...found.unmetNeeds],
      amendments,
    },
    addNotices: ['amendment'],
    timeline: [
      { event: 'amended', at, by: access.caller.id, actor: person, ...(added.length ? { detail: added.join(', ') } : {}) },
      ...(newMatches.length || found.unmetNeeds.length
        ? [{ event: 'amendment-matched', at, by: 'case-actions', detail: `${newMatches.filter((match) => match.kind === 'care').length} opties${addBridging ? `; overbrugging: ${newMatches.find((match) => match.kind === 'bridging')?.name ?? 'geen'}` : ''}` }]
        : []),
    ],
  });
  if (!updated) {
    for (const serviceId of held) await deps.kaart.releasePlace(serviceId, referralId);
    if (added.length && referral.clientKey) await deps.openNeeds.release(referral.clientKey, added, referralId);
    throw new ActionRefused('stale', 'The referral changed meanwhile; load it again and retry');
  }
  metrics.addMetric('ReferralsAmended', MetricUnit.Count, 1);
  logger.info('Referral amended', { referralId, newNeeds: added, options: newMatches.length, reservedServiceIds: [...held] });
  await sendNotices(deps, referralId);
  return updated;
}
