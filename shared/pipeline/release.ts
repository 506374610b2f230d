import type { ContactPersonRecords, KaartRecords, NeedClaims, ReferralRecords } from './ports.ts';
import { INTAKE_CLAIM } from './keys.ts';
import type { Referral } from '../domain/referral.ts';
import { CLOSED_STATUSES } from '../domain/vocabulary.ts';
import { logger } from '../powertools.ts';

// Giving back what a case holds: places at services, the contact person's caseload slot, the
// open-need claims of the duplicate guard. Every release is conditional on holding it, so running
// one twice, or after another, gives nothing back twice.

interface ReleaseDeps {
  referrals: Pick<ReferralRecords, 'get' | 'casesOfClient'>;
  kaart: Pick<KaartRecords, 'listRegion' | 'releasePlace'>;
  contactPersons: Pick<ContactPersonRecords, 'listRegion' | 'release'>;
}

/** Whether the same contact person has another open case of this client (then their slot stays). */
export async function hasOtherOpenCase(referrals: Pick<ReferralRecords, 'casesOfClient'>, referral: Pick<Referral, 'referralId' | 'clientKey'>, contactPersonId: string): Promise<boolean> {
  if (!referral.clientKey) return false;
  const cases = await referrals.casesOfClient(referral.clientKey);
  return cases.some((other) => other.referralId !== referral.referralId && !CLOSED_STATUSES.includes(other.status) && other.contactPerson?.id === contactPersonId);
}

/** The contact person's slot for this client, unless they have another open case of theirs. */
export async function releaseContactPerson(deps: ReleaseDeps, referral: Referral, contactPersonId: string): Promise<void> {
  if (!(await hasOtherOpenCase(deps.referrals, referral, contactPersonId))) await deps.contactPersons.release(contactPersonId, referral.client.ref);
}

/**
 * A slot claimed for a referral write that then lost to another writer: given back, unless that
 * writer gave the case (as it is now) to the same person (a double click, two hand-overs at once),
 * or another open case of the client is theirs. Otherwise their count would drift below the clients held.
 */
export async function giveBackLostClaim(
  deps: Pick<ReleaseDeps, 'referrals' | 'contactPersons'>,
  referral: Pick<Referral, 'referralId' | 'clientKey' | 'client'>,
  contactPersonId: string,
): Promise<void> {
  const current = await deps.referrals.get(referral.referralId);
  if (current?.contactPerson?.id === contactPersonId) return;
  if (!(await hasOtherOpenCase(deps.referrals, referral, contactPersonId))) await deps.contactPersons.release(contactPersonId, referral.client.ref);
}

/**
 * The case is over: every place it held goes back (those its matches name, and any the kaart
 * still holds for it: an attempt of the match step that died after reserving), the need claims
 * are freed, and the contact person's caseload slot too, unless the same person has another open
 * case of this client. The slot goes back even when freeing the claims fails.
 */
export async function releaseEverything(deps: ReleaseDeps & { openNeeds: NeedClaims }, referral: Referral): Promise<void> {
  const heldOnKaart = (await deps.kaart.listRegion(referral.regionId)).filter((service) => service.reservedFor.includes(referral.referralId));
  const places = new Set([
    ...(referral.matches ?? []).filter((match) => match.placeReserved).map((match) => match.serviceId),
    // Written by versions before December 2026, which planned reservations on the referral.
    ...(referral.reservationPlan ?? []),
    ...heldOnKaart.map((service) => service.serviceId),
  ]);
  for (const serviceId of places) await deps.kaart.releasePlace(serviceId, referral.referralId);
  try {
    if (referral.clientKey) await deps.openNeeds.release(referral.clientKey, [...(referral.needDomains ?? []), INTAKE_CLAIM], referral.referralId);
  } finally {
    if (referral.contactPerson) await releaseContactPerson(deps, referral, referral.contactPerson.id);
  }
}

/**
 * A pipeline step took places or a contact person for a referral, and its write lost to another
 * writer (a duplicate run of the step, a person, the case closing): what it took goes back unless
 * the referral as it is now keeps it (a place among its reserved matches, the same contact
 * person). Otherwise nobody would ever release it. Answers the referral as it is now (read once).
 */
export async function giveBackWhatWasNotKept(
  deps: ReleaseDeps,
  referralId: string,
  taken: { places: Iterable<string>; contactPersonId?: string },
): Promise<Referral | undefined> {
  const current = await deps.referrals.get(referralId);
  if (!current) return undefined;
  const over = CLOSED_STATUSES.includes(current.status);
  const kept = new Set(over ? [] : (current.matches ?? []).filter((match) => match.placeReserved).map((match) => match.serviceId));
  const places = [...taken.places].filter((serviceId) => !kept.has(serviceId));
  for (const serviceId of places) await deps.kaart.releasePlace(serviceId, referralId);
  const person = taken.contactPersonId;
  const personBack = person !== undefined && (over || current.contactPerson?.id !== person);
  if (personBack) await releaseContactPerson(deps, current, person);
  if (places.length || personBack) logger.info('Another writer moved the case on; what this step took and the case does not keep went back', { referralId, over });
  return current;
}

/**
 * A closed or withdrawn case met by a redelivered match message: an attempt that died after taking
 * a place or a contact person, before writing them on the case, left them held for a case that no
 * longer needs them. The kaart and the team say whom they hold (read fresh); those go back.
 */
export async function releaseLeftOver(deps: ReleaseDeps, referral: Referral): Promise<void> {
  const services = await deps.kaart.listRegion(referral.regionId);
  for (const service of services.filter((candidate) => candidate.reservedFor.includes(referral.referralId))) {
    await deps.kaart.releasePlace(service.serviceId, referral.referralId);
  }
  const people = await deps.contactPersons.listRegion(referral.regionId);
  for (const person of people.filter((candidate) => candidate.clients.includes(referral.client.ref))) {
    await releaseContactPerson(deps, referral, person.contactPersonId);
  }
}
