import type { ContactPersonChanges, ContactPersonRecords, Queue, ReferralRecords, StoredContactPerson } from './ports.ts';
import type { Role } from '../access/policy.ts';
import { handOverCandidates, handOverDue, isAvailable, noteGiven, noteTaken, type ContactPerson } from '../domain/contact-person.ts';
import { dutchDate } from '../domain/dutch-calendar.ts';
import type { ContactPersonChange, ContactPersonRef, Referral, TimelineEntry } from '../domain/referral.ts';
import { CLOSED_STATUSES, type ReferralStatus } from '../domain/vocabulary.ts';
import { logger } from '../powertools.ts';
import { regionById, REGIONS } from '../regions/index.ts';
import { giveBackLostClaim, hasOtherOpenCase } from './release.ts';

// An absence with "hand over open cases": each open case of the absent person moves to a colleague by
// the usual rules (contact-person.ts: same gemeente, room under the caseload limit, least loaded,
// active and not absent), each move in the case's timeline, the colleague and the referrer told by
// e-mail (the notify step). Where the region chooses so, the cases go back after the absence. A case
// nobody can take stays with the absent person and the region is told. Caseloads move by the
// conditional claim and release of each slot (bounded-set.ts): no transactions, counts stay exact.

export interface HandOverDeps {
  referrals: ReferralRecords;
  contactPersons: ContactPersonRecords;
  history: ContactPersonChanges;
  queue: Queue;
  now: () => Date;
}

/** Who set it going: a person through the API, or the scheduled run. */
export interface HandOverActor {
  id: string;
  role?: Role;
  name?: string;
}

/** The cases of a contact person that are theirs to work: a case still in the pipeline (matched, declined) is not moved. */
export const HAND_OVER_STATUSES: readonly ReferralStatus[] = ['awaiting-intake', 'notified', 'accepted', 'first-contact', 'in-care'];

export interface CaseMove {
  referralId: string;
  caseNumber?: string;
  /** Who has the case now; absent when it stayed (nobody could take it). */
  to?: { contactPersonId: string; name: string };
}

export interface HandOverReport {
  moved: CaseMove[];
  /** Stayed with the absent person, the region told: nobody in the gemeente had room. */
  stayed: CaseMove[];
  /** Went back to their own contact person after the absence. */
  returned: CaseMove[];
}

const refOf = (person: Pick<ContactPerson, 'contactPersonId' | 'name' | 'email' | 'phone'>): ContactPersonRef => ({
  id: person.contactPersonId,
  name: person.name,
  email: person.email,
  ...(person.phone ? { phone: person.phone } : {}),
});

function entry(actor: HandOverActor, at: string, event: string, detail: string): TimelineEntry {
  return { event, at, by: actor.id, ...(actor.role ? { actor: { role: actor.role, ...(actor.name ? { name: actor.name } : {}) } } : {}), detail };
}

/**
 * Settles a contact person's absence today: their open cases move when a hand-over is due, and come
 * back when the absence is over (the region's choice). Safe to run again, and alongside itself:
 * each slot is claimed and released conditionally, and each case moves by a conditional write.
 */
export async function settleAbsence(deps: HandOverDeps, person: StoredContactPerson, actor: HandOverActor): Promise<HandOverReport> {
  const report: HandOverReport = { moved: [], stayed: [], returned: [] };
  const today = dutchDate(deps.now());
  let newlyFlagged = 0;
  if (handOverDue(person.absence, today)) newlyFlagged = await handOver(deps, person, actor, report);
  else if (isAvailable(person, today) && person.handedOverCases.length > 0) await handBack(deps, person, actor, report);
  const counts = { moved: report.moved.length + report.returned.length, stayed: report.stayed.length };
  // Kept when something happened: a case moved, or one newly stayed (not on every hourly run of the same absence).
  if (counts.moved || newlyFlagged) {
    await deps.history.record({
      contactPersonId: person.contactPersonId,
      changedAt: deps.now().toISOString(),
      change: report.returned.length ? 'handed-back' : 'handed-over',
      by: actor.id,
      ...(actor.role ? { role: actor.role } : {}),
      ...(actor.name ? { name: actor.name } : {}),
      cases: counts,
    });
  }
  return report;
}

async function openCasesOf(deps: HandOverDeps, contactPersonId: string): Promise<Referral[]> {
  const cases: Referral[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await deps.referrals.page('by-contact-person', contactPersonId, { limit: 200, statuses: HAND_OVER_STATUSES, ...(cursor ? { cursor } : {}) });
    cases.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return cases;
}

/**
 * The write of a case's new contact person: a case still waiting for a reaction (`notified`) gives
 * them their own working days (its reminder and escalation start again), as a new contact person
 * after a decline gets.
 */
function newReactionTime(referral: Referral, at: string, set: Partial<Referral>): { set: Partial<Referral>; remove?: (keyof Referral)[] } {
  if (referral.status !== 'notified') return { set };
  return { set: { ...set, statusChangedAt: at }, remove: ['remindedAt', 'escalatedAt'] };
}

/** Moves the absent person's open cases; answers how many cases were newly flagged for the region. */
async function handOver(deps: HandOverDeps, absent: StoredContactPerson, actor: HandOverActor, report: HandOverReport): Promise<number> {
  let newlyFlagged = 0;
  const absence = absent.absence!;
  const returns = regionById(absent.regionId).region.team?.handOverReturnsAfterAbsence === true;
  const people = await deps.contactPersons.listRegion(absent.regionId);
  const self = people.find((candidate) => candidate.contactPersonId === absent.contactPersonId);
  const today = dutchDate(deps.now());
  for (const indexed of await openCasesOf(deps, absent.contactPersonId)) {
    let referral = await deps.referrals.get(indexed.referralId);
    if (!referral || referral.contactPerson?.id !== absent.contactPersonId || !HAND_OVER_STATUSES.includes(referral.status)) continue;
    const candidates = handOverCandidates({ clientRef: referral.client.ref, gemeente: referral.client.gemeente, declinedBy: referral.declinedBy }, absent.contactPersonId, people, today);
    let moved: ContactPerson | undefined;
    for (const candidate of candidates) {
      const outcome = await deps.contactPersons.assign(candidate.contactPersonId, referral.client.ref);
      if (outcome !== 'claimed' && outcome !== 'already-held') continue;
      const at = deps.now().toISOString();
      const change: ContactPersonChange = {
        reason: 'absence',
        from: { id: absent.contactPersonId, name: absent.name },
        to: candidate.contactPersonId,
        until: absence.to,
        returns,
        at,
      };
      const updated = await deps.referrals.transition(referral, {
        expectVersion: referral.version ?? 0,
        ...newReactionTime(referral, at, { contactPerson: refOf(candidate), contactPersonChange: change }),
        addNotices: ['contact-person-change', 'referrer-contact-person-change'],
        timeline: [
          entry(actor, at, 'contact-person-handed-over', `Van ${absent.name} naar ${candidate.name}: ${absent.name} is afwezig van ${absence.from} tot en met ${absence.to}${returns ? '; daarna gaat de zaak terug' : ''}.`),
        ],
      });
      if (!updated) {
        // Someone worked the case meanwhile: the slot just taken goes back, and the case is left for the next run.
        if (outcome === 'claimed') await giveBackLostClaim(deps, referral, candidate.contactPersonId);
        logger.info('A case changed while it was being handed over; left for the next run', { referralId: referral.referralId });
        break;
      }
      referral = updated;
      noteTaken(candidate, referral.client.ref);
      if (!(await hasOtherOpenCase(deps.referrals, referral, absent.contactPersonId))) {
        await deps.contactPersons.release(absent.contactPersonId, referral.client.ref);
        if (self) noteGiven(self, referral.client.ref);
      }
      if (returns) await deps.contactPersons.noteHandedOver(absent.contactPersonId, referral.referralId);
      await deps.queue.send('notify', { referralId: referral.referralId, origin: 'team' });
      moved = candidate;
      break;
    }
    const line = { referralId: referral.referralId, ...(referral.caseNumber ? { caseNumber: referral.caseNumber } : {}) };
    if (moved) {
      report.moved.push({ ...line, to: { contactPersonId: moved.contactPersonId, name: moved.name } });
      continue;
    }
    if (referral.contactPerson?.id !== absent.contactPersonId) continue;
    report.stayed.push(line);
    // Nobody could take it: it stays, and the region hears of it once per absence.
    const absenceKey = `${absence.from}/${absence.to}`;
    if (referral.handOverFlaggedFor === absenceKey) continue;
    const at = deps.now().toISOString();
    const flagged = await deps.referrals.transition(referral, {
      expectVersion: referral.version ?? 0,
      set: { handOverFlaggedFor: absenceKey },
      addNotices: ['region-hand-over'],
      timeline: [entry(actor, at, 'hand-over-not-possible', `${absent.name} is afwezig; niemand in ${referral.client.gemeente} heeft ruimte. De zaak blijft bij ${absent.name} en is voorgelegd aan de regio.`)],
    });
    if (flagged) {
      newlyFlagged += 1;
      await deps.queue.send('notify', { referralId: referral.referralId, origin: 'team' });
    }
  }
  logger.info('Absence: cases handed over', { contactPersonId: absent.contactPersonId, moved: report.moved.length, stayed: report.stayed.length });
  return newlyFlagged;
}

/** The absence is over: each case handed over for it goes back to its own contact person, if they have room. */
async function handBack(deps: HandOverDeps, person: StoredContactPerson, actor: HandOverActor, report: HandOverReport): Promise<void> {
  for (const referralId of person.handedOverCases) {
    const referral = await deps.referrals.get(referralId);
    const change = referral?.contactPersonChange;
    const stillThere =
      referral &&
      !CLOSED_STATUSES.includes(referral.status) &&
      change?.reason === 'absence' &&
      change.from.id === person.contactPersonId &&
      referral.contactPerson?.id === change.to;
    if (!stillThere) {
      await deps.contactPersons.forgetHandedOver(person.contactPersonId, referralId);
      continue;
    }
    const outcome = await deps.contactPersons.assign(person.contactPersonId, referral.client.ref);
    if (outcome !== 'claimed' && outcome !== 'already-held') {
      // No room any more: the client stays with the colleague, as the timeline says.
      const at = deps.now().toISOString();
      await deps.referrals.transition(referral, {
        expectVersion: referral.version ?? 0,
        set: { contactPersonChange: { ...change, returns: false } },
        timeline: [entry(actor, at, 'hand-over-not-possible', `${person.name} is terug maar heeft geen ruimte; de zaak blijft bij ${referral.contactPerson!.name}.`)],
      });
      await deps.contactPersons.forgetHandedOver(person.contactPersonId, referralId);
      continue;
    }
    const colleague = referral.contactPerson!;
    const at = deps.now().toISOString();
    const back: ContactPersonChange = { reason: 'return', from: { id: colleague.id, name: colleague.name }, to: person.contactPersonId, until: change.until, returns: false, at };
    const updated = await deps.referrals.transition(referral, {
      expectVersion: referral.version ?? 0,
      ...newReactionTime(referral, at, { contactPerson: refOf(person), contactPersonChange: back }),
      addNotices: ['contact-person-change', 'referrer-contact-person-change'],
      timeline: [entry(actor, at, 'contact-person-returned', `Van ${colleague.name} terug naar ${person.name}: de afwezigheid is voorbij.`)],
    });
    if (!updated) {
      if (outcome === 'claimed') await giveBackLostClaim(deps, referral, person.contactPersonId);
      continue;
    }
    if (!(await hasOtherOpenCase(deps.referrals, updated, colleague.id))) await deps.contactPersons.release(colleague.id, updated.client.ref);
    await deps.contactPersons.forgetHandedOver(person.contactPersonId, referralId);
    await deps.queue.send('notify', { referralId, origin: 'team' });
    report.returned.push({ referralId, ...(updated.caseNumber ? { caseNumber: updated.caseNumber } : {}), to: { contactPersonId: person.contactPersonId, name: person.name } });
  }
  logger.info('Absence over: cases returned', { contactPersonId: person.contactPersonId, returned: report.returned.length });
}

/**
 * The scheduled run (team-absences): in every region served, absences that began get their cases
 * handed over, and absences that are over get them back. Each person's hand-over is one run of
 * settleAbsence; a failure of one leaves the others and is tried again on the next run.
 */
export async function settleAbsences(deps: HandOverDeps): Promise<{ people: number; moved: number; stayed: number; returned: number; failed: number }> {
  const totals = { people: 0, moved: 0, stayed: 0, returned: 0, failed: 0 };
  const today = dutchDate(deps.now());
  for (const { region } of REGIONS) {
    for (const person of await deps.contactPersons.listRegion(region.regionId)) {
      const due = handOverDue(person.absence, today) || (isAvailable(person, today) && person.handedOverCases.length > 0);
      if (!due) continue;
      totals.people += 1;
      try {
        const report = await settleAbsence(deps, person, { id: 'team-absences' });
        totals.moved += report.moved.length;
        totals.stayed += report.stayed.length;
        totals.returned += report.returned.length;
      } catch (error) {
        totals.failed += 1;
        logger.error('Settling an absence failed; the next run tries again', { contactPersonId: person.contactPersonId, error });
      }
    }
  }
  return totals;
}
