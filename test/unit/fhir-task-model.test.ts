import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mainTask, subTask } from '#shared/fhir/resources.ts';
import { outcomesOf } from '#shared/fhir/write-api.ts';
import { systemOf } from '#shared/fhir/codes.ts';
import { isAllowedMove, mainTaskState, NEEDS_REASON, subTasks, type TaskState } from '#shared/domain/fhir-task-status.ts';
import { validateFhir } from '#shared/fhir/validate.ts';
import { AFTER_HAND_OVER, TRANSITIONS } from '#shared/domain/transitions.ts';
import type { Match, Referral } from '#shared/domain/referral.ts';
import type { ReferralStatus } from '#shared/domain/vocabulary.ts';
import { loadSample } from '../support/samples.ts';

// Every lifecycle path, walked: each step is one of TRANSITIONS (or a step that changes no status:
// a partner accepts or records its first contact, consent for partners is withdrawn, an option is
// turned down, a social-first case re-assessed), applied to a referral the way the pipeline and the case actions change it. After
// every step each Task (the referrer's and every sub-task) made only a move the SDOH IG's state
// diagram allows, and carries a reason where the IG asks for one.

const bridging = (serviceId: string): Match => ({
  serviceId,
  name: `Overbrugging ${serviceId}`,
  organisation: 'Partner (fictief)',
  kind: 'bridging',
  forNeed: 'waiting',
  domains: [],
  rank: 1,
  score: 1,
  reasons: [],
  waitingWeeks: 0,
  placeReserved: true,
  contact: { name: 'c', email: 'c@partner.example' },
});

type Step = { kind: 'transition'; to: ReferralStatus; room?: boolean } | { kind: 'partner-accept' } | { kind: 'partner-first-contact' } | { kind: 'withdraw-partner-consent' } | { kind: 'decline-partner' } | { kind: 'reassess' };

let clock = Date.parse('2026-11-02T09:00:00Z');
const at = () => new Date((clock += 60_000)).toISOString();
let people = 0;

/** The referral after one step, as the pipeline and the case actions would leave it. */
function apply(referral: Referral, step: Step): Referral {
  const r: Referral = structuredClone(referral);
  const entry = (event: string, detail?: string) => r.timeline.push({ event, at: at(), ...(detail ? { detail } : {}) });
  const tell = (serviceId: string) => (r.notifications ??= []).push({ kind: 'bridging-partner', notificationId: `${r.referralId}:bridging-partner:${serviceId}`, sentAt: at() });
  const current = () => r.matches?.find((match) => match.kind === 'bridging' && !match.declined);
  switch (step.kind) {
    // As handOffChange does: each step once (a second accept or first contact is refused).
    case 'partner-accept':
      if (current() && !r.handOffProgress?.[current()!.serviceId]?.acceptedAt) r.handOffProgress = { ...r.handOffProgress, [current()!.serviceId]: { ...r.handOffProgress?.[current()!.serviceId], acceptedAt: at(), acceptedBy: 'p' } };
      return r;
    case 'partner-first-contact':
      // As handOffChange does: recording the first contact accepts the hand-off too, in the same write.
      if (current() && !r.handOffProgress?.[current()!.serviceId]?.firstContact) {
        const progress = r.handOffProgress?.[current()!.serviceId];
        const recordedAt = at();
        r.handOffProgress = { ...r.handOffProgress, [current()!.serviceId]: { acceptedAt: progress?.acceptedAt ?? recordedAt, firstContact: { date: '2026-11-03', recordedAt, by: 'p' } } };
      }
      return r;
    case 'withdraw-partner-consent':
      r.consentGrants = { 'contact-person': ['functional-needs', 'story'], partners: [], naasten: [], client: [] };
      return r;
    case 'reassess':
      // As reassess does, once: ggz is still needed, triaged again; a bridging partner when it had none.
      if (r.reassessment) return r;
      r.reassessment = { ggzStillNeeded: true, at: at(), by: 'cp' };
      if (!current()) {
        const next = bridging(`bp-${(r.matches?.length ?? 0) + 1}`);
        (r.matches ??= []).push(next);
        if (r.consentGrants?.partners.length !== 0) tell(next.serviceId);
      }
      entry('reassessed', 'ggz is nog nodig');
      return r;
    case 'decline-partner': {
      const declined = current();
      if (!declined) return r;
      declined.declined = { reason: 'past niet', at: at(), by: 'cp' };
      const next = bridging(`bp-${(r.matches?.length ?? 0) + 1}`);
      r.matches!.push(next);
      if (r.consentGrants?.partners.length !== 0) tell(next.serviceId);
      return r;
    }
  }
  const from = r.status;
  r.status = step.to;
  switch (`${from} -> ${step.to}`) {
    case 'awaiting-intake -> received':
      entry('intake-recorded');
      break;
    case 'triaged -> matched':
    case 'declined -> matched':
    case 'flagged-for-region -> matched': {
      // Someone has room, or nobody (the notify step flags the case for the region then).
      const person = step.room ? { id: `cp-${++people}`, name: `Contactpersoon ${people}`, email: 'cp@voorbeeld.example' } : null;
      r.contactPerson = from === 'triaged' && r.contactPerson ? r.contactPerson : person;
      if (!r.matches) {
        r.matches = [bridging('bp-1')];
        tell('bp-1');
      }
      if (r.contactPerson) entry('contact-person-assigned', r.contactPerson.name);
      else entry('no-contact-person');
      break;
    }
    case 'notified -> declined':
      r.declinedBy = [...(r.declinedBy ?? []), r.contactPerson!.id];
      entry('declined', 'Caseload vol');
      break;
    case 'accepted -> first-contact':
      r.firstContact = { date: '2026-11-04', channel: 'phone', recordedAt: at(), by: 'cp' };
      break;
    case 'first-contact -> in-care':
      r.outcomes = { finances: { result: 'got-help', at: at(), by: 'cp' } };
      break;
    default:
      if (step.to === 'closed' && !r.outcomes && r.firstContact) r.outcomes = { finances: { result: 'no-capacity', unmetReason: 'waiting-list', at: at(), by: 'cp' } };
  }
  if (step.to === 'withdrawn') entry('withdrawn', 'Niet meer nodig');
  else if (step.to === 'closed') entry('closed');
  else entry(step.to);
  return r;
}

function stepsFrom(referral: Referral): Step[] {
  const { status } = referral;
  return [
    ...TRANSITIONS.filter((transition) => transition.from === status)
      // From matched: notified when it has a contact person, flagged for the region when nobody had room.
      .filter((transition) => status !== 'matched' || (transition.to === 'notified') === Boolean(referral.contactPerson) || transition.to === 'withdrawn')
      .flatMap((transition): Step[] => (transition.to === 'matched' ? [{ kind: 'transition', to: 'matched', room: true }, { kind: 'transition', to: 'matched', room: false }] : [{ kind: 'transition', to: transition.to }])),
    ...(['closed', 'withdrawn'].includes(status) ? [] : [{ kind: 'partner-accept' as const }, { kind: 'partner-first-contact' as const }, { kind: 'withdraw-partner-consent' as const }, { kind: 'decline-partner' as const }]),
    ...(AFTER_HAND_OVER.includes(status) && !referral.reassessment ? [{ kind: 'reassess' as const }] : []),
  ];
}

function expectReason(state: TaskState, what: string) {
  if (NEEDS_REASON.includes(state.status)) expect(state.reason, `${what} is ${state.status} without a reason`).toBeTruthy();
}

describe('the FHIR Task model of a referral', async () => {
  const request = await loadSample('combined');
  const start = (status: 'received' | 'awaiting-intake'): Referral => ({
    referralId: '7f000000-0000-4000-8000-000000000001',
    regionId: 'regio-voorbeeld',
    caseNumber: 'RV-2026-00001',
    status,
    createdAt: '2026-11-02T09:00:00.000Z',
    statusChangedAt: '2026-11-02T09:00:00.000Z',
    referrerOrganisationId: 'hap-de-linde',
    ...request,
    timeline: [{ event: status, at: '2026-11-02T09:00:00.000Z' }],
  });

  it('moves every Task only as the IG allows, on every path through the lifecycle', () => {
    fc.assert(
      fc.property(fc.constantFrom('received' as const, 'awaiting-intake' as const), fc.array(fc.nat(), { minLength: 1, maxLength: 25 }), (first, choices) => {
        let referral = start(first);
        let previous = new Map<string, TaskState>([['main', mainTaskState(referral)]]);
        expect(mainTaskState(referral).status).toBe('requested');
        for (const choice of choices) {
          const steps = stepsFrom(referral);
          if (steps.length === 0) break;
          const step = steps[choice % steps.length]!;
          referral = apply(referral, step);
          const now = new Map<string, TaskState>([['main', mainTaskState(referral)], ...subTasks(referral).map((sub) => [sub.id, sub.state] as const)]);
          for (const [id, state] of now) {
            const before = previous.get(id);
            const what = `${id} after ${JSON.stringify(step)} (referral ${referral.status})`;
            if (before) expect(isAllowedMove(before.status, state.status), `${what}: ${before.status} -> ${state.status}`).toBe(true);
            else expect(['requested', 'cancelled'], `${what} starts as ${state.status}`).toContain(state.status);
            expectReason(state, what);
          }
          for (const id of previous.keys()) expect(now.has(id), `${id} disappeared after ${JSON.stringify(step)}`).toBe(true);
          previous = now;
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('says accepted once a contact person has the case, and cancelled when it is withdrawn, also after a crisis', () => {
    const crisis = apply(apply(start('received'), { kind: 'transition', to: 'triaged' }), { kind: 'transition', to: 'crisis-handed-off' });
    expect(mainTaskState(crisis).status).toBe('accepted');
    expect(mainTaskState(apply(crisis, { kind: 'transition', to: 'withdrawn' }))).toEqual({ status: 'cancelled', reason: 'Niet meer nodig' });
    const declined = ['triaged', 'matched', 'notified', 'declined', 'matched', 'notified'].reduce((r, to) => apply(r, { kind: 'transition', to: to as ReferralStatus, room: true }), start('received'));
    expect(subTasks(declined).map((sub) => [sub.kind, sub.state.status])).toEqual([
      ['contact-person', 'rejected'],
      ['contact-person', 'requested'],
      ['bridging-partner', 'requested'],
    ]);
    expect(mainTaskState(declined).status).toBe('accepted');
  });

  it('reports outcomes per need in Task.output, support needs (naasten, peers) in their own code system, and reads them back the same', () => {
    let referral = start('received');
    for (const to of ['triaged', 'matched', 'notified', 'accepted', 'first-contact'] as ReferralStatus[]) referral = apply(referral, { kind: 'transition', to, room: true });
    referral.outcomes = {
      finances: { result: 'got-help', at: at(), by: 'cp' },
      naasten: { result: 'no-capacity', unmetReason: 'waiting-list', at: at(), by: 'cp' },
      waiting: { result: 'got-help', at: at(), by: 'cp' },
    };
    const task = mainTask(referral);
    expect(validateFhir(task)).toEqual([]);
    const naasten = (task.output ?? []).filter((output: any) => output.type.coding.some((coding: any) => coding.code === 'naasten'));
    expect(naasten.flatMap((output: any) => output.type.coding.map((coding: any) => coding.system))).toContain(systemOf('support-need'));
    expect(outcomesOf(task)).toEqual({
      outcomes: expect.arrayContaining([
        { need: 'finances', result: 'got-help' },
        { need: 'naasten', result: 'no-capacity', unmetReason: 'waiting-list' },
        { need: 'waiting', result: 'got-help' },
      ]),
      issues: [],
    });
  });

  it('builds Tasks that validate against R4 and the SDOHCC profile at every status', async () => {
    let referral = start('received');
    for (const to of ['triaged', 'matched', 'notified', 'accepted', 'first-contact', 'in-care', 'closed'] as ReferralStatus[]) {
      referral = apply(referral, { kind: 'transition', to, room: true });
      expect(validateFhir(mainTask(referral)), to).toEqual([]);
      for (const sub of subTasks(referral)) expect(validateFhir(subTask(referral, sub)), `${sub.id} at ${to}`).toEqual([]);
    }
  }, 60_000);
});
