// GET /fhir/metadata: what this server does, and nothing it does not.
import { PROFILES } from './codes.ts';
import { CODE_SYSTEMS } from './codes.ts';

/** The search parameters GET /fhir/Task takes (search.ts reads them). */
export const TASK_SEARCH_PARAMETERS = [
  { name: '_id', type: 'token', documentation: 'One or more Task ids, comma-separated' },
  { name: '_lastUpdated', type: 'date', documentation: 'gt, ge, lt, le or eq and a day (the whole day, Europe/Amsterdam) or an instant: Tasks changed since (the polling of the SDOH IG)' },
  { name: 'owner', type: 'reference', documentation: 'The owner by its identifier value (Overbrug region, contact person, service), or Type/value' },
  { name: 'requester', type: 'reference', documentation: "The requesting organisation by its identifier value, or Organization/<id>" },
  { name: 'status', type: 'token', documentation: 'Task.status, comma-separated for any of several' },
  { name: 'part-of', type: 'reference', documentation: 'Task/<id>: the sub-tasks of a referral' },
  { name: 'code', type: 'token', documentation: 'fulfill, or 3457005 (SNOMED CT: verwijzen van patiënt); system|code too' },
] as const;

export function capabilityStatement(baseUrl: string, now = new Date()) {
  return {
    resourceType: 'CapabilityStatement',
    id: 'overbrug',
    url: `${baseUrl}/metadata`,
    version: '1',
    name: 'OverbrugFhirServer',
    title: 'Overbrug FHIR R4 interface',
    status: 'active',
    experimental: false,
    date: now.toISOString().slice(0, 10),
    publisher: 'Overbrug',
    description:
      "Referrals from the practice system: a transaction Bundle (Patient, referrer, ServiceRequest, Task, Consents, optionally the netwerkintake as a QuestionnaireResponse) becomes a referral; its progress is the referrer's Task (SDOH Clinical Care IG, Task for Referral Management) with a sub-task per contact person and bridging partner. Practice systems sign in with OAuth 2.0 client credentials, people with their ID token.",
    kind: 'instance',
    software: { name: 'Overbrug' },
    implementation: { description: 'Overbrug FHIR R4 interface', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'application/fhir+xml'],
    implementationGuide: ['http://hl7.org/fhir/us/sdoh-clinicalcare/ImplementationGuide/hl7.fhir.us.sdoh-clinicalcare'],
    rest: [
      {
        mode: 'server',
        documentation: 'Every request but metadata and the definitions needs a bearer token. Searches return the caller\'s Tasks: main Tasks for the referrer, sub-tasks for their owners.',
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth', display: 'OAuth' }] }],
          description: 'OAuth 2.0: client credentials for practice systems (scopes overbrug/referrals.read and overbrug/referrals.write), ID tokens for people.',
        },
        resource: [
          {
            type: 'Task',
            supportedProfile: [PROFILES.sdohTask, PROFILES.nictizTask],
            documentation: 'The referrer may cancel its Task (PUT, status cancelled, statusReason.text); a contact person accepts, rejects (statusReason.text), starts (in-progress: the first contact), completes or fails its sub-task with outcomes in output; a partner accepts and starts its sub-task. If-Match is honoured.',
            interaction: [{ code: 'read' }, { code: 'update' }, { code: 'search-type' }],
            versioning: 'versioned-update',
            updateCreate: false,
            searchInclude: ['Task:focus'],
            searchParam: TASK_SEARCH_PARAMETERS.map(({ name, type, documentation }) => ({ name, type, documentation })),
          },
          {
            type: 'ServiceRequest',
            supportedProfile: [PROFILES.sdohServiceRequest, PROFILES.nictizServiceRequest],
            documentation: 'Created through the transaction; read only.',
            interaction: [{ code: 'read' }],
          },
          {
            type: 'Consent',
            supportedProfile: [PROFILES.sdohConsent],
            documentation: 'Created through the transaction; PUT with status inactive withdraws it.',
            interaction: [{ code: 'read' }, { code: 'update' }],
            updateCreate: false,
          },
          { type: 'Questionnaire', documentation: 'GET /fhir/Questionnaire/netwerkintake', interaction: [{ code: 'read' }] },
          { type: 'CodeSystem', documentation: `GET /fhir/CodeSystem/{id}: ${Object.keys(CODE_SYSTEMS).join(', ')}`, interaction: [{ code: 'read' }] },
        ],
        interaction: [{ code: 'transaction', documentation: 'POST /fhir: one referral per Bundle; idempotent on Bundle.identifier or the Task entry\'s ifNoneExist.' }],
      },
    ],
  };
}
