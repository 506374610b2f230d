import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemOf } from '#shared/fhir/codes.ts';
import { QUESTIONNAIRE_URL } from '#shared/fhir/questionnaire.ts';

const fixture = (path: string) => readFileSync(fileURLToPath(new URL(`../fixtures/fhir/${path}`, import.meta.url)), 'utf8');
export const jsonFixture = (path: string) => JSON.parse(fixture(path)) as Record<string, any>;
export const xmlFixture = fixture;

export const SDOHCC_EXAMPLES = [
  'sdohcc/Task-SDOHCC-TaskReferralManagementOrderFulfillmentAcceptedExample.json',
  'sdohcc/Task-SDOHCC-TaskReferralManagementOrderFulfillmentCompletedExample.json',
  'sdohcc/Task-SDOHCC-TaskReferralManagementOrderSubtaskAcceptedExample.json',
  'sdohcc/Task-SDOHCC-TaskReferralManagementOrderSubtaskCompletedExample.json',
  'sdohcc/ServiceRequest-SDOHCC-ServiceRequestActiveFoodPantryApplicationAssistExample.json',
  'sdohcc/Consent-SDOHCC-ConsentInformationDisclosureExample.json',
];
export const NICTIZ_EXAMPLES = ['nictiz-r4-elz/hg-ReferralTask-01.xml', 'nictiz-r4-elz/hg-ReferralServiceRequest-01.xml'];

/** A netwerkintake as a QuestionnaireResponse: the combined sample's money worries, wait and story. */
export function netwerkintakeResponse(domains: [string, string, string][] = [['finances', 'high', 'professional'], ['mental-health', 'some', 'professional'], ['social-contacts', 'some', 'both']], signals = ['money-worries']) {
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: QUESTIONNAIRE_URL,
    status: 'completed',
    subject: { reference: 'urn:uuid:patient' },
    item: [
      { linkId: 'story', item: [{ linkId: 'whatHappened', answer: [{ valueString: 'Baan verloren; slaapt slecht.' }] }, { linkId: 'needs', answer: [{ valueString: 'Hulp met schulden.' }] }] },
      {
        linkId: 'levensdomeinen',
        item: domains.map(([domain, need, helpFrom]) => ({
          linkId: domain,
          item: [
            { linkId: `${domain}.need`, answer: [{ valueCoding: { system: systemOf('need-level'), code: need } }] },
            { linkId: `${domain}.helpFrom`, answer: [{ valueCoding: { system: systemOf('help-source'), code: helpFrom } }] },
          ],
        })),
      },
      ...(signals.length ? [{ linkId: 'signals', answer: signals.map((code) => ({ valueCoding: { system: systemOf('signal'), code } })) }] : []),
      { linkId: 'waiting', item: [{ linkId: 'waiting.onGgzWaitlist', answer: [{ valueBoolean: true }] }, { linkId: 'waiting.since', answer: [{ valueDate: '2026-08-03' }] }] },
    ],
  };
}

/**
 * A referral transaction Bundle as a practice system sends it: Patient (pseudonymous reference, PC4,
 * gemeente, telecom), the referrer (PractitionerRole, Practitioner, Organization), ServiceRequest,
 * Task, the Consents, and the netwerkintake unless `intake: false`. `task` and `serviceRequest`
 * start from the guides' examples when given.
 */
export function referralBundle(options: { clientRef: string; intake?: boolean; identifier?: string; consents?: string[]; task?: Record<string, any>; serviceRequest?: Record<string, any>; priority?: string }) {
  const { clientRef, intake = true, consents = ['partners'] } = options;
  const entry = (fullUrl: string, resource: Record<string, any>) => ({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } });
  const serviceRequest: Record<string, any> = {
    ...(options.serviceRequest ?? {}),
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    code: options.serviceRequest?.code ?? { text: 'Verwijzing' },
    subject: { reference: 'urn:uuid:patient' },
    requester: { reference: 'urn:uuid:role' },
    ...(options.priority ? { priority: options.priority } : {}),
    ...(intake || consents.length ? { supportingInfo: [...(intake ? [{ reference: 'urn:uuid:intake' }] : []), ...consents.map((kind) => ({ reference: `urn:uuid:consent-${kind}` }))] } : {}),
  };
  delete serviceRequest.id;
  delete serviceRequest.reasonReference;
  const task: Record<string, any> = {
    ...(options.task ?? {}),
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    code: options.task?.code ?? { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: 'urn:uuid:request' },
    for: { reference: 'urn:uuid:patient' },
    authoredOn: '2026-11-02T09:00:00Z',
    requester: { reference: 'urn:uuid:role' },
    owner: { display: 'Overbrug' },
  };
  delete task.id;
  delete task.output;
  delete task.partOf;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    ...(options.identifier ? { identifier: { system: 'urn:ietf:rfc:3986', value: options.identifier } } : {}),
    entry: [
      entry('urn:uuid:patient', {
        resourceType: 'Patient',
        identifier: [{ system: 'urn:overbrug:client-ref', value: clientRef }],
        birthDate: '1991',
        address: [{ postalCode: '9902 AB', district: 'Rivierstad', country: 'NL' }],
        telecom: [{ system: 'phone', value: '010 000 0301', rank: 1 }, { system: 'email', value: 'client@voorbeeld.example' }],
        communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'nl' }] } }],
      }),
      entry('urn:uuid:role', {
        resourceType: 'PractitionerRole',
        practitioner: { reference: 'urn:uuid:practitioner' },
        organization: { reference: 'urn:uuid:organisation' },
        code: [{ text: 'POH-ggz' }],
        telecom: [{ system: 'email', value: 'poh.visser@praktijk-delinde.example' }, { system: 'phone', value: '010 000 0111' }],
      }),
      entry('urn:uuid:practitioner', { resourceType: 'Practitioner', name: [{ text: 'J. Visser (fictief)' }] }),
      entry('urn:uuid:organisation', { resourceType: 'Organization', name: 'Huisartsenpraktijk De Linde (fictief)' }),
      entry('urn:uuid:request', serviceRequest),
      entry('urn:uuid:task', task),
      ...consents.map((kind) =>
        entry(`urn:uuid:consent-${kind}`, {
          resourceType: 'Consent',
          status: 'active',
          scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IDSCL' }] }, { coding: [{ system: systemOf('consent-kind'), code: kind }] }],
          patient: { reference: 'urn:uuid:patient' },
          dateTime: '2026-11-02',
          organization: [{ reference: 'urn:uuid:organisation' }],
          sourceAttachment: { title: 'Toestemming' },
          policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
        }),
      ),
      ...(intake ? [entry('urn:uuid:intake', netwerkintakeResponse())] : []),
    ],
  };
}
