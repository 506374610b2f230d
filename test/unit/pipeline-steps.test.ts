import { describe, expect, it } from 'vitest';
import type { Email } from '#shared/domain/notifications.ts';
import type { SentNotification } from '#shared/domain/referral.ts';
import { advanceNotify } from '#shared/pipeline/notify-step.ts';
import { submitReferral, type SubmitDeps } from '#shared/pipeline/submit-referral.ts';
import { advanceTriage } from '#shared/pipeline/triage-step.ts';
import { regionById } from '#shared/regions/index.ts';
import { MemoryNeedClaims, MemoryQueue, MemoryReferrals } from '../support/memory-ports.ts';
import { loadSample, SAMPLE_REFERRER_ACCOUNT } from '../support/samples.ts';

// The steps on in-memory ports (shared/pipeline/ports.ts): no emulator, milliseconds a test. The
// handler and integration tests run the same steps on the emulators.

const NOW = new Date('2026-11-23T10:00:00Z');
const config = regionById('regio-voorbeeld');
const submitter = { id: 'user-poh-1', organisationId: 'hap-de-linde', ...SAMPLE_REFERRER_ACCOUNT };

function ports() {
  const referrals = new MemoryReferrals();
  const queue = new MemoryQueue();
  let sequence = 0;
  const deps: SubmitDeps = {
    referrals,
    clientContacts: { put: async () => {} },
    caseNumbers: { next: async () => ++sequence },
    queue,
    claims: { claim: async () => ({ claimed: true }) },
    openNeeds: new MemoryNeedClaims(),
    now: () => NOW,
  };
  const mailed: Email[] = [];
  const notifier = {
    send: async (email: Email): Promise<SentNotification> => {
      mailed.push(email);
      return { kind: email.kind, notificationId: email.notificationId, sentAt: NOW.toISOString() };
    },
  };
  return { referrals, queue, deps, mailed, notify: { referrals, clientContacts: { get: async () => undefined }, notifier, now: () => NOW } };
}

describe('a new referral, decided once', () => {
  it('is stored triaged in the submitting request and goes straight to matching', async () => {
    const { referrals, queue, deps } = ports();
    const answer = await submitReferral(deps, config, { request: await loadSample('combined'), submitter, correlationId: 'c-1' });
    expect(answer.status).toBe('received');
    const stored = await referrals.get(answer.referralId);
    expect(stored).toMatchObject({ status: 'triaged', triage: { route: 'combined', decidedAt: NOW.toISOString() } });
    expect(stored!.timeline.map((entry) => entry.event)).toEqual(['received', 'triaged']);
    expect(queue.sent).toEqual([{ queue: 'match', message: { referralId: answer.referralId, correlationId: 'c-1', origin: 'submit-referral' } }]);
  });

  it('hands a crisis to the notify step, which tells the crisis service and the referrer once, however often the message comes', async () => {
    const { referrals, queue, deps, mailed, notify } = ports();
    const answer = await submitReferral(deps, config, { request: await loadSample('crisis'), submitter, correlationId: 'c-2' });
    expect(answer.crisis).toBeDefined();
    const [message] = queue.to('notify');
    expect(message).toMatchObject({ referralId: answer.referralId });

    expect(await advanceNotify(notify, message!)).toMatchObject({ status: 'crisis-handed-off', result: 'done' });
    expect(await advanceNotify(notify, message!)).toMatchObject({ status: 'crisis-handed-off', result: 'skipped' });
    expect(mailed.map((email) => email.kind)).toEqual(['crisis-service', 'referrer-crisis']);
    expect((await referrals.get(answer.referralId))!.timeline.filter((entry) => entry.event === 'crisis-handed-off')).toHaveLength(1);
  });

  it('is triaged by the triage step once its intake is recorded, once however often the message comes', async () => {
    const { referrals, queue, deps } = ports();
    const answer = await submitReferral(deps, config, { request: await loadSample('basic-ggz'), submitter, correlationId: 'c-3', awaitingIntake: true });
    expect(answer.status).toBe('awaiting-intake');
    expect(queue.to('match')).toEqual([expect.objectContaining({ referralId: answer.referralId, round: 'intake' })]);
    // The contact person recorded the intake: the case action writes `received`.
    const waiting = (await referrals.get(answer.referralId))!;
    await referrals.transition(waiting, { to: 'received', timeline: [{ event: 'intake-recorded', at: NOW.toISOString(), by: 'user-cp-1' }] });

    const message = { referralId: answer.referralId, origin: 'case-actions' as const };
    expect(await advanceTriage({ referrals, queue, now: () => NOW }, message)).toMatchObject({ status: 'triaged', result: 'forwarded' });
    expect(await advanceTriage({ referrals, queue, now: () => NOW }, message)).toMatchObject({ status: 'triaged', result: 'forwarded' });
    expect((await referrals.get(answer.referralId))!.timeline.filter((entry) => entry.event === 'triaged')).toHaveLength(1);
    expect(queue.to('match').filter((sent) => sent.origin === 'triage')).toHaveLength(2);
  });
});
