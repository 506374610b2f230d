import { describe, expect, it } from 'vitest';
import type { ReferralRequest } from '#shared/domain/referral.ts';
import { TriageRuleSetSchema } from '#shared/domain/region.ts';
import { triage } from '#shared/domain/triage.ts';
import { regionById } from '#shared/regions/index.ts';
import { ROUTES } from '#shared/domain/vocabulary.ts';
import { loadSample, SAMPLE_ROUTES } from '../support/samples.ts';

const rules = regionById('regio-voorbeeld').triageRules;
const NOW = new Date('2026-11-22T10:00:00Z');

const decide = (request: ReferralRequest, now = NOW) => triage(request, rules, now);

function withIntake(base: ReferralRequest, intake: Partial<ReferralRequest['intake']>, rest: Partial<ReferralRequest> = {}): ReferralRequest {
  return { ...base, ...rest, intake: { ...base.intake, ...intake } };
}

describe('triage with the demo rule set', () => {
  it.each(SAMPLE_ROUTES)('routes the %s sample to its route', async (route) => {
    const decision = decide(await loadSample(route));
    expect(decision.route).toBe(route);
    expect(decision.reasons.length).toBeGreaterThan(0);
    expect(decision.ruleSet).toEqual({ regionId: 'regio-voorbeeld', version: rules.version });
    // The reasons are plain Dutch for referrers and contact persons: no rule set, version or jargon (B1).
    for (const reason of decision.reasons) expect(reason).not.toMatch(/Regelset|versie|en-en|regio-voorbeeld/);
  });

  it('samples cover every route', () => {
    expect([...SAMPLE_ROUTES].sort()).toEqual([...ROUTES].sort());
  });

  it('hands acute risk to crisis immediately, whatever else the intake says, and adds no bridging', async () => {
    const base = await loadSample('combined');
    const decision = decide(withIntake(base, { flags: ['acute-risk', 'money-worries', 'epa'] }));
    expect(decision).toMatchObject({ route: 'crisis', urgency: 'immediate', bridging: false });
    expect(decision.rules[0]).toBe('acute-risk');
  });

  it('sends EPA straight to specialised ggz: matched care, no stepped escalation', async () => {
    const base = await loadSample('basic-ggz');
    const decision = decide(withIntake(base, { flags: ['epa'] }));
    expect(decision.route).toBe('specialised-ggz');
    // The reasons say what is needed; the signal itself is a clinical note, shared only with consent.
    expect(decision.reasons.join(' ')).not.toMatch(/EPA/);
    expect(decision.clinicalNotes).toEqual(['EPA-indicatie gemeld.']);
    expect(decision.needs.find((need) => need.domain === 'mental-health')?.categories).toEqual(['specialised-ggz']);
  });

  it('treats a high mental-health need with two other high needs as complex', async () => {
    const base = await loadSample('basic-ggz');
    const decision = decide(
      withIntake(base, {
        domains: [
          { domain: 'mental-health', need: 'high', helpFrom: 'professional' },
          { domain: 'housing', need: 'high', helpFrom: 'professional' },
          { domain: 'finances', need: 'high', helpFrom: 'both' },
        ],
      }),
    );
    expect(decision.route).toBe('specialised-ggz');
    expect(decision.rules).toContain('complex-multi-domain');
    expect(decision.urgency).toBe('high');
  });

  it('routes mental-health plus social needs to ggz and social domain in parallel, with a peer option for the wait', async () => {
    const decision = decide(await loadSample('combined'));
    expect(decision.route).toBe('combined');
    expect(decision.needs.map((need) => need.domain).sort()).toEqual(['finances', 'mental-health', 'peers', 'social-contacts']);
  });

  it('always adds a parallel debt-help need for money worries, also without a finances need', async () => {
    const base = await loadSample('basic-ggz');
    const decision = decide(withIntake(base, { flags: ['money-worries'] }));
    const finances = decision.needs.find((need) => need.domain === 'finances');
    expect(finances).toMatchObject({ level: 'high', categories: ['debt-help'] });
    expect(decision.rules).toContain('debt-help');
  });

  it('merges debt help into an existing finances need rather than adding a second one', async () => {
    const decision = decide(await loadSample('social-domain'));
    const finances = decision.needs.filter((need) => need.domain === 'finances');
    expect(finances).toHaveLength(1);
    expect(finances[0]!.categories).toEqual(['debt-help']);
  });

  it('does not route on needs the client meets with their own network', async () => {
    const decision = decide(await loadSample('advice-only'));
    expect(decision.route).toBe('advice-only');
    expect(decision.needs).toEqual([]);
  });

  it('gives a bridging partner to anyone on a ggz waitlist, even on a social route', async () => {
    const base = await loadSample('social-domain');
    expect(decide(base).bridging).toBe(false);
    const waiting = decide({ ...base, waiting: { onGgzWaitlist: true, since: '2026-10-01' } });
    expect(waiting.route).toBe('social-domain');
    expect(waiting.bridging).toBe(true);
  });

  it('gives a bridging partner to everyone expected to wait for ggz', async () => {
    for (const route of ['basic-ggz', 'specialised-ggz', 'combined'] as const) {
      expect(decide(await loadSample(route)).bridging).toBe(true);
    }
  });

  it('raises urgency once the wait passes the 14-week treeknorm', async () => {
    const base = await loadSample('basic-ggz');
    const since = (weeksAgo: number) => new Date(NOW.getTime() - weeksAgo * 7 * 86_400_000).toISOString().slice(0, 10);
    expect(decide({ ...base, waiting: { onGgzWaitlist: true, since: since(13) } }).urgency).toBe('normal');
    const late = decide({ ...base, waiting: { onGgzWaitlist: true, since: since(15) } });
    expect(late.urgency).toBe('high');
    expect(late.reasons.some((reason) => reason.includes('treeknorm'))).toBe(true);
  });

  it('is deterministic and records when it decided', async () => {
    const request = await loadSample('specialised-ggz');
    expect(decide(request)).toEqual(decide(request));
    expect(decide(request).decidedAt).toBe(NOW.toISOString());
  });
});

describe('triage rule sets', () => {
  it('refuses a rule set with an unknown condition', () => {
    const broken = structuredClone(rules) as unknown as { routeRules: { when: unknown }[] };
    broken.routeRules[0]!.when = { flagg: 'acute-risk' };
    expect(TriageRuleSetSchema.safeParse(broken).success).toBe(false);
  });

  it('throws rather than guessing when no route rule applies', async () => {
    const request = await loadSample('advice-only');
    const withoutCatchAll = { ...rules, routeRules: rules.routeRules.slice(0, -1) };
    expect(() => triage(request, withoutCatchAll, NOW)).toThrow(/no rule/);
  });
});
