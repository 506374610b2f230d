import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { addWorkingDays, dutchDate } from '#shared/domain/dutch-calendar.ts';
import { DEFAULT_TIME_LIMITS } from '#shared/domain/time-limits.ts';
import { mailbox, notificationIdOf, notificationKindOf, OverbrugClient } from '../support/api-client.ts';
import { directAws } from '../support/direct-aws.ts';
import { sampleBody } from '../support/samples.ts';

// Each time limit fires exactly once, with the clock under the test's control: the local runtime
// runs the scheduled time-limits function as EventBridge Scheduler would, at the time asked for.

let stack: StackProcess;
let poh: OverbrugClient;
beforeAll(async () => {
  stack = await startStackProcess();
  poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
});
afterAll(() => stack?.stop());

const DAY = 24 * 60 * 60 * 1000;
const minuteAfter = (at: Date) => new Date(at.getTime() + 60_000);

async function runTimeLimits(at: Date): Promise<void> {
  const response = await fetch(`${stack.endpoints.api}/_local/schedules/time-limits`, { method: 'POST', body: JSON.stringify({ at: at.toISOString() }) });
  expect(response.status).toBe(200);
}

/** What the limits did to one referral: its e-mails by kind, and its timeline events. */
async function effects(referralId: string) {
  const emails = (await mailbox(stack.endpoints.mailbox)).filter((email) => notificationIdOf(email)?.startsWith(referralId));
  const count = (kind: string) => emails.filter((email) => notificationKindOf(email) === kind).length;
  const { json } = await poh.get(referralId);
  const events = (json.timeline as { event: string }[]).map((entry) => entry.event);
  const times = (event: string) => events.filter((candidate) => candidate === event).length;
  return {
    reminders: count('reminder-contact-person'),
    escalations: count('escalation-region'),
    noFirstContact: count('no-first-contact-region'),
    timeline: { reminder: times('reaction-overdue'), escalation: times('escalated-to-region'), aanmeldnorm: times('no-first-contact-in-time'), treeknorm: times('beyond-treeknorm') },
  };
}

/** Lets the notify step send what a run made owed: waits until nothing is left in the queues. */
const settled = () => directAws(stack.endpoints).drained();

async function notifiedReferral(waitingWeeks: number): Promise<{ referralId: string; notifiedAt: Date; contactPersonId: string }> {
  const body = await sampleBody('combined');
  body.waiting.since = new Date(Date.now() - waitingWeeks * 7 * DAY).toISOString().slice(0, 10);
  const { json } = await poh.submit(body);
  const view = await poh.waitForStatus(json.referralId, ['notified']);
  return { referralId: json.referralId, notifiedAt: new Date((view as unknown as { statusChangedAt: string }).statusChangedAt), contactPersonId: view.contactPerson!.id };
}

describe('time limits', () => {
  it('fire each exactly once as the clock passes them: reminder, escalation, treeknorm, aanmeldnorm', async () => {
    const { referralId, notifiedAt, contactPersonId } = await notifiedReferral(12);
    const none = { reminders: 0, escalations: 0, noFirstContact: 0, timeline: { reminder: 0, escalation: 0, aanmeldnorm: 0, treeknorm: 0 } };

    await runTimeLimits(new Date(notifiedAt.getTime() + 60 * 60 * 1000));
    await settled();
    expect(await effects(referralId)).toEqual(none);

    // Two working days without a reaction: a reminder to the contact person, once however often the run comes.
    const reminderDue = addWorkingDays(notifiedAt, DEFAULT_TIME_LIMITS.remindAfterWorkingDays, DEFAULT_TIME_LIMITS);
    await runTimeLimits(new Date(reminderDue.getTime() - 60_000));
    await settled();
    expect((await effects(referralId)).reminders).toBe(0);
    await runTimeLimits(minuteAfter(reminderDue));
    await runTimeLimits(minuteAfter(reminderDue));
    await settled();
    expect(await effects(referralId)).toEqual({ ...none, reminders: 1, timeline: { ...none.timeline, reminder: 1 } });
    const reminder = (await mailbox(stack.endpoints.mailbox)).find((email) => notificationIdOf(email) === `${referralId}:reminder-contact-person:${contactPersonId}`);
    expect(reminder?.subject).toContain('herinnering');
    // The contact person's inbox marks the case as overdue.
    const inbox = (await (await OverbrugClient.local(stack.endpoints, contactPersonId)).request('GET', '/referrals')).json.items as any[];
    expect(inbox.find((item) => item.referralId === referralId)?.overdue).toContain('reminder');

    // Five working days: the region hears of it.
    const escalationDue = addWorkingDays(notifiedAt, DEFAULT_TIME_LIMITS.escalateAfterWorkingDays, DEFAULT_TIME_LIMITS);
    await runTimeLimits(minuteAfter(escalationDue));
    await runTimeLimits(minuteAfter(escalationDue));
    await settled();
    expect(await effects(referralId)).toMatchObject({ reminders: 1, escalations: 1, timeline: { reminder: 1, escalation: 1 } });

    // Fourteen weeks of waiting for ggz (it waited 12 when referred): on the manager's list, once.
    await runTimeLimits(new Date(notifiedAt.getTime() + 15 * DAY));
    await runTimeLimits(new Date(notifiedAt.getTime() + 16 * DAY));
    await settled();
    expect((await effects(referralId)).timeline.treeknorm).toBe(1);
    const manager = await OverbrugClient.local(stack.endpoints, 'manager-regio');
    const list = (await manager.request('GET', '/statistics/beyond-treeknorm')).json.items as any[];
    expect(list.find((item) => item.referralId === referralId)).toMatchObject({ beyondTreeknormSince: expect.any(String) });

    // Four weeks without first contact: the case is flagged and the region told, once.
    const aanmeldnorm = new Date(Date.now() + DEFAULT_TIME_LIMITS.firstContactWithinWeeks * 7 * DAY + 60_000);
    await runTimeLimits(aanmeldnorm);
    await runTimeLimits(new Date(aanmeldnorm.getTime() + DAY));
    await settled();
    expect(await effects(referralId)).toEqual({
      reminders: 1,
      escalations: 1,
      noFirstContact: 1,
      timeline: { reminder: 1, escalation: 1, aanmeldnorm: 1, treeknorm: 1 },
    });
    const { json: view } = await (await OverbrugClient.local(stack.endpoints, contactPersonId)).get(referralId);
    expect(view.deadlines).toMatchObject({ remindedAt: expect.any(String), escalatedAt: expect.any(String), noFirstContactAt: expect.any(String), beyondTreeknormAt: expect.any(String) });
  });

  it('catch up after downtime: the first run in a month fires everything that fell due, once', async () => {
    const { referralId, notifiedAt } = await notifiedReferral(1);
    await runTimeLimits(new Date(notifiedAt.getTime() + 30 * DAY));
    await settled();
    expect(await effects(referralId)).toEqual({
      reminders: 1,
      escalations: 1,
      noFirstContact: 1,
      timeline: { reminder: 1, escalation: 1, aanmeldnorm: 1, treeknorm: 0 },
    });
    await runTimeLimits(new Date(notifiedAt.getTime() + 31 * DAY));
    await settled();
    expect((await effects(referralId)).timeline).toEqual({ reminder: 1, escalation: 1, aanmeldnorm: 1, treeknorm: 0 });
  });

  it('stop once the contact person acts: an accepted case gets no reminder', async () => {
    const { referralId, notifiedAt, contactPersonId } = await notifiedReferral(1);
    const person = await OverbrugClient.local(stack.endpoints, contactPersonId);
    expect((await person.act(referralId, { action: 'accept' })).status).toBe(200);
    await person.act(referralId, { action: 'record-first-contact', date: dutchDate(new Date()), channel: 'phone' });
    await runTimeLimits(new Date(notifiedAt.getTime() + 30 * DAY));
    await settled();
    expect(await effects(referralId)).toMatchObject({ reminders: 0, escalations: 0, noFirstContact: 0 });
  });
});

describe('the re-assessment of a social-first case (001:1966-1987)', () => {
  /** Polls until `check` holds (the notify step sends asynchronously); fails with the last value otherwise. */
  async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (!check(value) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      value = await read();
    }
    expect(check(value), JSON.stringify(value)).toBe(true);
    return value;
  }
  const run = async (at: Date) => {
    const response = await fetch(`${stack.endpoints.api}/_local/schedules/time-limits`, { method: 'POST', body: JSON.stringify({ at: at.toISOString() }) });
    expect(response.status).toBe(200);
    return (await response.json()) as { fired: Record<string, number> };
  };

  it('asks the contact person once, after 6 weeks, whether ggz is still needed; one click triages the case again', async () => {
    // Debts and housing, with mild gloom the client wants professional help for: social problems first.
    const body = await sampleBody('social-domain');
    body.intake.domains = body.intake.domains.map((domain: { domain: string }) => (domain.domain === 'mental-health' ? { ...domain, helpFrom: 'professional' } : domain));
    const { json: submitted } = await poh.submit(body);
    const referralId = submitted.referralId as string;
    const view = await poh.waitForStatus(referralId, ['notified']);
    expect(view.triage).toMatchObject({ route: 'social-domain', bridging: false });
    expect(view.triage!.reasons.join(' ')).toMatch(/Eerst hulp bij die problemen/);
    const person = await OverbrugClient.local(stack.endpoints, view.contactPerson!.id);
    expect((await person.act(referralId, { action: 'accept' })).status).toBe(200);
    expect((await person.act(referralId, { action: 'record-first-contact', date: dutchDate(new Date()), channel: 'phone' })).status).toBe(200);
    const { json: caseView } = await person.get(referralId);
    expect(caseView.allowedActions).toContain('reassess');
    const due = new Date(caseView.reassessment.dueAt as string);
    const triagedAt = (caseView.timeline as { event: string; at: string }[]).find((entry) => entry.event === 'triaged')!.at;
    expect(due.getTime() - Date.parse(triagedAt)).toBe(DEFAULT_TIME_LIMITS.reassessAfterWeeks * 7 * DAY);

    const asked = `${referralId}:reassessment-contact-person:${view.contactPerson!.id}`;
    const reassessmentEmails = async () => (await mailbox(stack.endpoints.mailbox)).filter((email) => notificationIdOf(email) === asked);
    expect((await run(new Date(due.getTime() - 60_000))).fired.reassessment).toBe(0);
    // The limit fires once, however often the run comes.
    expect((await run(minuteAfter(due))).fired.reassessment).toBe(1);
    expect((await run(minuteAfter(due))).fired.reassessment).toBe(0);
    const [email] = await until(reassessmentEmails, (emails) => emails.length === 1);
    expect(email!.subject).toContain('is ggz nog nodig?');
    expect(email!.body.text).toContain('met één klik');
    const { json: waiting } = await person.get(referralId);
    expect(waiting.deadlines.reassessmentAskedAt).toEqual(expect.any(String));
    expect((waiting.timeline as { event: string }[]).filter((entry) => entry.event === 'reassessment-due')).toHaveLength(1);
    // The inbox marks the open question until it is answered.
    const inbox = (await person.request('GET', '/referrals')).json.items as { referralId: string; overdue: string[] }[];
    expect(inbox.find((item) => item.referralId === referralId)?.overdue).toContain('reassessment');

    // One click: ggz is still needed. The case is triaged again, with ggz options first and a bridging partner.
    const { status, json: again } = await person.act(referralId, { action: 'reassess', ggzStillNeeded: true });
    expect(status).toBe(200);
    expect(again.status).toBe('first-contact');
    expect(again.triage).toMatchObject({ route: 'combined', bridging: true });
    const mental = (again.matches as { forNeed: string; rank: number; name: string }[]).filter((match) => match.forNeed === 'mental-health').sort((a, b) => a.rank - b.rank);
    expect(mental[0]!.name).toMatch(/GGZ|Mentaal/i);
    expect((again.matches as { kind: string }[]).some((match) => match.kind === 'bridging')).toBe(true);
    expect(again.reassessment.answer).toMatchObject({ ggzStillNeeded: true });
    expect(again.allowedActions).not.toContain('reassess');
    expect((await person.act(referralId, { action: 'reassess', ggzStillNeeded: true })).status).toBe(409);
    // Answered: the limit does not come back.
    expect((await run(new Date(due.getTime() + 7 * DAY))).fired.reassessment).toBe(0);
    expect(await reassessmentEmails()).toHaveLength(1);
  });
});

