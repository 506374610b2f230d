import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ContactPerson } from '../domain/contact-person.ts';
import { chooseContactPerson, isAbsent } from '../domain/contact-person.ts';
import { neighboursOf } from '../domain/desk.ts';
import { dutchDate } from '../domain/dutch-calendar.ts';
import { ActionRefused, type CaseAction } from '../domain/lifecycle.ts';
import type { ContactPersonRef, Referral, TimelineEntry } from '../domain/referral.ts';
import { logger, metrics } from '../powertools.ts';
import { regionById } from '../regions/index.ts';
import type { CaseActionDeps } from './case-actions.ts';
import { giveBackLostClaim, releaseContactPerson } from './release.ts';

// The coordinator's hand on a case on the desk (shared/domain/desk.ts): assign a contact person,
// or look in a neighbouring gemeente too. Either claims the person's caseload slot with one
// conditional write first (never over their limit, however many assign at once), then moves the
// referral to `matched` with the reason in its timeline, and hands it to the notify step: the
// contact person is told as when the pipeline assigns.

type Caller = { id: string; actor: NonNullable<TimelineEntry['actor']> };
type Write = (deps: CaseActionDeps, referral: Referral, change: Parameters<CaseActionDeps['referrals']['transition']>[1]) => Promise<Referral>;

const contactPersonRef = (person: ContactPerson): ContactPersonRef => ({
  id: person.contactPersonId,
  name: person.name,
  email: person.email,
  ...(person.phone ? { phone: person.phone } : {}),
});

/** `assign`: the coordinator's choice, refused with a clear problem when that person cannot take it. */
export async function assignByHand(
  deps: CaseActionDeps,
  referral: Referral,
  action: Extract<CaseAction, { action: 'assign' }>,
  caller: Caller,
  now: Date,
  write: Write,
): Promise<Referral> {
  const people = await deps.contactPersons.listRegion(referral.regionId);
  const person = people.find((candidate) => candidate.contactPersonId === action.contactPersonId);
  if (!person) throw new ActionRefused('unknown-contact-person', `${action.contactPersonId} is not a contact person of this region`);
  if (person.active === false) throw new ActionRefused('contact-person-inactive', `${person.name} is not active and takes no new cases`);
  if (isAbsent(person, dutchDate(now))) {
    throw new ActionRefused('contact-person-absent', `${person.name} is absent until ${person.absence?.to} and takes no new cases`);
  }
  if (person.contactPersonId === referral.contactPerson?.id) throw new ActionRefused('invalid-action', `${person.name} already has this case`);
  if (referral.declinedBy?.includes(person.contactPersonId)) throw new ActionRefused('invalid-action', `${person.name} declined this case before`);
  return handOver(deps, referral, person, { event: 'assigned-by-coordinator', detail: `${person.name}: ${action.reason}` }, caller, now, write);
}

/** `widen-search`: the usual rules (least loaded with room first), over a neighbouring gemeente's people too. */
export async function widenSearch(
  deps: CaseActionDeps,
  referral: Referral,
  action: Extract<CaseAction, { action: 'widen-search' }>,
  caller: Caller,
  now: Date,
  write: Write,
): Promise<Referral> {
  const { region } = regionById(referral.regionId);
  const neighbours = neighboursOf(region, referral.client.gemeente);
  if (!neighbours.includes(action.gemeente)) {
    throw new ActionRefused(
      'not-a-neighbour',
      `${action.gemeente} is not a neighbouring gemeente of ${referral.client.gemeente}; its neighbours: ${neighbours.join(', ') || 'none in the region data'}`,
    );
  }
  const people = await deps.contactPersons.listRegion(referral.regionId);
  const exclude = [...(referral.declinedBy ?? []), ...(referral.contactPerson ? [referral.contactPerson.id] : [])];
  // The usual rules: the deactivated and whoever is absent today are passed over.
  const { candidates } = chooseContactPerson(referral.client.ref, action.gemeente, people, { exclude, today: dutchDate(now) });
  for (const person of candidates) {
    try {
      return await handOver(deps, referral, person, { event: 'search-widened', detail: `${action.gemeente}, ${person.name}: ${action.reason}` }, caller, now, write);
    } catch (error) {
      // Their last slot went meanwhile: the next one.
      if (error instanceof ActionRefused && error.reason === 'no-room') continue;
      throw error;
    }
  }
  throw new ActionRefused('no-room', `Nobody in ${action.gemeente} has room either; nothing changed`);
}

/**
 * The person's slot first (conditional: refused when full), then the referral to `matched` with
 * who and why, then the notify step. A refused write gives the slot back.
 */
async function handOver(
  deps: CaseActionDeps,
  referral: Referral,
  person: ContactPerson,
  entry: { event: string; detail: string },
  caller: Caller,
  now: Date,
  write: Write,
): Promise<Referral> {
  const claimed = await deps.contactPersons.assign(person.contactPersonId, referral.client.ref);
  if (claimed === 'full') {
    throw new ActionRefused('no-room', `${person.name} has no room: ${person.caseload} of ${person.caseloadLimit} clients`);
  }
  if (claimed === 'missing') throw new ActionRefused('unknown-contact-person', `${person.contactPersonId} is not a contact person of this region`);
  const at = now.toISOString();
  const previous = referral.contactPerson;
  let updated: Referral;
  try {
    updated = await write(deps, referral, {
      to: 'matched',
      set: { contactPerson: contactPersonRef(person) },
      // The new contact person gets their own 2 and 5 working days; the desk's limit starts again if it comes back.
      remove: ['flagReason', 'remindedAt', 'escalatedAt', 'deskEscalatedAt'],
      timeline: [
        { event: entry.event, at, by: caller.id, actor: caller.actor, detail: entry.detail },
        { event: 'contact-person-assigned', at, by: caller.id, actor: caller.actor, detail: `${person.name} (door de coördinator)` },
      ],
    });
  } catch (error) {
    if (claimed === 'claimed') await giveBackLostClaim(deps, referral, person.contactPersonId);
    throw error;
  }
  // An escalated case's former contact person gives the slot back (unless another case of this client is theirs).
  if (previous) await releaseContactPerson(deps, updated, previous.id);
  metrics.addMetric(`DeskAction-${entry.event}`, MetricUnit.Count, 1);
  logger.info('Contact person assigned by the coordinator', { referralId: referral.referralId, contactPersonId: person.contactPersonId, event: entry.event });
  // As when the pipeline assigns: the notify step tells the contact person (and a partner, the client letter).
  await deps.queue.send('notify', { referralId: referral.referralId, origin: 'case-actions' });
  return updated;
}
