import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type * as z from '#shared/domain/zod.ts';
import { AmendmentRequestSchema } from '#shared/domain/amendment.ts';
import { CaseActionSchema } from '#shared/domain/lifecycle.ts';
import { containsBsn } from '#shared/domain/text.ts';
import { issuesToErrors } from '#shared/http/request.ts';
import { parseReferralRequest } from '#shared/http/referral-request.ts';
import { importHsds } from '#shared/kaart/hsds/import.ts';
import { readExample, readExamplesCrosswalk } from '../support/hsds.ts';
import { readEvent, sampleBody } from '../support/samples.ts';

// Issue 14, items 2 and 3: a BSN in any free-text field, and a line break in a one-line field, are
// refused with 400 naming the field, on every write route that takes text.

const template = await readEvent<APIGatewayProxyEventV2>('api/post-referrals.json');
const referralErrors = (body: unknown) => {
  const result = parseReferralRequest({ ...template, body: JSON.stringify(body) });
  if (result.ok) return [];
  expect(result.response.statusCode).toBe(400);
  return (JSON.parse(result.response.body as string) as { errors: { path: string; message: string }[] }).errors;
};
const errorsOf = (schema: z.ZodMiniType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : issuesToErrors(parsed.error.issues);
};

/** Every free-text field of POST /referrals, by path, and whether it may hold several lines. */
const REFERRAL_TEXT_FIELDS: { path: string[]; multiline: boolean }[] = [
  { path: ['client', 'gemeente'], multiline: false },
  { path: ['client', 'contact', 'bestTimes'], multiline: false },
  { path: ['client', 'contact', 'note'], multiline: false },
  { path: ['waiting', 'provider'], multiline: false },
  { path: ['referrer', 'name'], multiline: false },
  { path: ['referrer', 'organisation'], multiline: false },
  ...['whatHappened', 'strengths', 'vulnerabilities', 'goals', 'needs'].map((key) => ({ path: ['intake', 'story', key], multiline: true })),
  { path: ['intake', 'wishes', 'ownWords'], multiline: true },
  { path: ['intake', 'naaste', 'needs'], multiline: true },
];

async function withField(path: string[], value: string) {
  const body = await sampleBody('combined');
  body.consent.involveNaasten = true;
  body.intake.wishes = { choices: [] };
  body.intake.naaste = { burden: 'some' };
  let node = body;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)!] = value;
  return body;
}

describe('BSNs in free text', () => {
  it.each([
    ['111222333', true],
    ['bsn 111.222.333 graag', true],
    ['BSN: 111-222-333', true],
    ['1112.22.333', true],
    ['11.12.22.333', true],
    ['zie RV-2026-00412', false], // a case number: 4 and 5 digits, whatever the elfproef says
    ['11122 2333', false],
    ['123456782', true],
    ['123456789', false], // fails the elfproef
    ['bel 06-12345678 na 3 uur', false],
    ['0612345678', false],
    ['06 1234 5678', false],
    ['NL91ABNA0417164300', false], // ten digits in the IBAN
    ['11122233', false],
    ['1111222333', false], // ten digits: a longer run
    ['geboren 1985, 3 kinderen', false],
  ])('finds %j: %s', (value, found) => {
    expect(containsBsn(value)).toBe(found);
  });

  it.each(REFERRAL_TEXT_FIELDS)('refuses one in $path of a referral, naming the field', async ({ path }) => {
    expect(referralErrors(await withField(path, 'Zie dossier 111.222.333'))).toEqual([{ path: path.join('.'), message: expect.stringContaining('BSN') }]);
  });

  it('refuses a client reference holding one', async () => {
    for (const ref of ['bsn111222333', '111.222.333', 'hdl-111222333']) {
      const body = await sampleBody('combined');
      body.client.ref = ref;
      expect(referralErrors(body), ref).toEqual([{ path: 'client.ref', message: expect.stringContaining('BSN') }]);
    }
  });

  it('lets a phone number or an IBAN through in a note', async () => {
    expect(referralErrors(await withField(['intake', 'story', 'needs'], 'Bel 06-12345678 of 010 000 0111; rekening NL91ABNA0417164300.'))).toEqual([]);
  });

  it('refuses one in an amendment note and in every reason of a case action', () => {
    expect(errorsOf(AmendmentRequestSchema, { domains: [], note: 'BSN 111222333' })).toEqual([{ path: 'note', message: expect.stringContaining('BSN') }]);
    for (const action of [
      { action: 'accept', note: '111222333' },
      { action: 'decline', reason: '111222333' },
      { action: 'decline-option', serviceId: 'vb-wachtmaatje', reason: '111 222 333' },
      { action: 'close', reason: '111-222-333' },
      { action: 'withdraw', reason: '111.222.333' },
    ]) {
      expect(errorsOf(CaseActionSchema, action), action.action).toEqual([{ path: action.action === 'accept' ? 'note' : 'reason', message: expect.stringContaining('BSN') }]);
    }
  });
});

describe('line breaks in one-line fields', () => {
  const BREAKERS = ['\r', '\n', '\t', '\u2028', '\u2029', '\u202A', '\u202E', '\u2066', '\u2069'];

  it.each(REFERRAL_TEXT_FIELDS.filter((field) => !field.multiline))('refuses every line breaker in $path', async ({ path }) => {
    for (const breaker of BREAKERS) {
      const errors = referralErrors(await withField(path, `Na 15.00 uur${breaker}LET OP: bel direct 112`));
      expect(errors, JSON.stringify(breaker)).toEqual([{ path: path.join('.'), message: expect.stringContaining('single line') }]);
    }
  });

  it.each(REFERRAL_TEXT_FIELDS.filter((field) => field.multiline))('keeps line feeds only in $path', async ({ path }) => {
    expect(referralErrors(await withField(path, 'Eerste regel\nTweede regel\r\nDerde regel'))).toEqual([]);
    for (const breaker of BREAKERS.filter((breaker) => breaker !== '\n' && breaker !== '\r')) {
      expect(referralErrors(await withField(path, `Eerste regel${breaker}tweede`)), JSON.stringify(breaker)).toEqual([{ path: path.join('.'), message: expect.any(String) }]);
    }
    expect(referralErrors(await withField(path, 'Alleen\rCR'))).toEqual([{ path: path.join('.'), message: expect.any(String) }]);
  });

  it('refuses them in the reasons and notes of case actions, and keeps them in an amendment note', () => {
    expect(errorsOf(CaseActionSchema, { action: 'withdraw', reason: 'Verhuisd\nLET OP: bel direct' })).toEqual([{ path: 'reason', message: expect.stringContaining('single line') }]);
    expect(errorsOf(CaseActionSchema, { action: 'accept', note: 'ok\u2028LET OP' })).toEqual([{ path: 'note', message: expect.stringContaining('single line') }]);
    expect(errorsOf(AmendmentRequestSchema, { domains: [], note: 'Nieuw:\nschulden' })).toEqual([]);
  });
});

describe('the same rules for what a kaart import brings in', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  const importWith = async (change: (service: Record<string, any>) => void) => {
    const service = (await readExample('service_full')) as Record<string, any>;
    change(service);
    return importHsds({ format: 'json', document: service }, { crosswalk: await readExamplesCrosswalk(), now });
  };

  it('takes the example service as it is: its ids and numbers are no BSN', async () => {
    expect((await importWith(() => {})).entries.map((entry) => entry.name)).toEqual(['Community Counselling']);
  });

  it('skips a service whose source text holds a BSN anywhere, naming the field', async () => {
    for (const change of [
      (service: Record<string, any>) => (service.description = 'Aangemeld door cliënt met BSN 111.222.333'),
      (service: Record<string, any>) => (service.organization.description = 'Zie 111222333'),
    ]) {
      const result = await importWith(change);
      expect(result.entries).toEqual([]);
      expect(result.skipped).toEqual([expect.objectContaining({ record: 'service', reason: expect.stringContaining('BSN'), details: expect.stringMatching(/description$/) })]);
    }
  });

  it('skips a service whose name or contact breaks a line, naming the field', async () => {
    const result = await importWith((service) => (service.name = 'Community Counselling\nLET OP: bel direct'));
    expect(result.entries).toEqual([]);
    expect(result.skipped).toEqual([expect.objectContaining({ record: 'service', reason: expect.stringContaining('één regel'), details: 'name' })]);
  });
});
