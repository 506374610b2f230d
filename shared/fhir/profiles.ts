// The profiles Overbrug knows, as FHIRPath rules: each rule is a constraint of the profile's
// differential (cardinality, fixed values, its invariants), transcribed with its source. A resource
// that declares one of these profiles in meta.profile is held to its rules, on the way in and out.
//   SDOHCC: HL7 SDOH Clinical Care IG, input/fsh/profiles/*.fsh and input/fsh/invariants/SDOH-Task-*.fsh
//   Nictiz: Nictiz R4 ELZ, resources/hg-ReferralTask.xml and resources/hg-ReferralServiceRequest.xml
import { PROFILES, SYSTEMS } from './codes.ts';

export interface ProfileRule {
  key: string;
  /** FHIRPath on the resource that must be true. */
  expression: string;
  /** The element it is about, relative to the resource (for the expression). */
  element: string;
  human: string;
}

const TEMP = SYSTEMS.sdohcc;
const SDC = 'http://hl7.org/fhir/uv/sdc/CodeSystem/temp';

export const PROFILE_RULES: Record<string, { name: string; rules: ProfileRule[] }> = {
  [PROFILES.sdohTask]: {
    name: 'SDOHCC Task For Referral Management',
    rules: [
      { key: 'sdohcc-task-intent', element: 'intent', expression: "intent = 'order'", human: 'intent = order (exactly)' },
      { key: 'sdohcc-task-code', element: 'code', expression: `code.coding.where(system = '${SYSTEMS.taskCode}' and code = 'fulfill').exists()`, human: 'code = task-code#fulfill' },
      { key: 'sdohcc-task-focus', element: 'focus', expression: 'focus.exists()', human: 'focus 1..1 (the ServiceRequest)' },
      { key: 'sdohcc-task-for', element: 'for', expression: 'for.exists()', human: 'for 1..1' },
      { key: 'sdohcc-task-authoredOn', element: 'authoredOn', expression: 'authoredOn.exists()', human: 'authoredOn 1..1' },
      { key: 'sdohcc-task-requester', element: 'requester', expression: 'requester.exists()', human: 'requester 1..1' },
      { key: 'sdohcc-task-status', element: 'status', expression: "status != 'ready' and status != 'received'", human: 'status from SDOHCC-ValueSetReferralTaskStatus (not ready or received)' },
      { key: 'sdohcc-task-statusReason', element: 'statusReason', expression: 'statusReason.exists() implies statusReason.text.exists()', human: 'statusReason.text 1..1' },
      {
        key: 'sdohcc-task-reason-for-status',
        element: 'statusReason',
        expression: "(status = 'rejected' or status = 'cancelled' or status = 'on-hold' or status = 'failed') implies statusReason.text.exists()",
        human: 'If Task.status is rejected, cancelled, on-hold, or failed, then Task.statusReason.text should be included',
      },
      {
        key: 'SDOH-Task-1',
        element: 'input',
        expression: `code.coding.where(system='${SDC}' and code='complete-questionnaire').exists() implies ((input.type.coding.where(system='${SDC}' and code='questionnaire').exists() xor input.type.coding.where(system='${TEMP}' and code='questionnaire-pdf').exists() xor input.type.coding.where(system='${TEMP}' and code='questionnaire-url').exists()) and input.type.coding.where(system='${TEMP}' and code='questionnaire-category').exists())`,
        human: 'SDOH-Task-1: a complete-questionnaire Task has exactly one questionnaire input and a questionnaire-category',
      },
      {
        key: 'SDOH-Task-2',
        element: 'description',
        expression: `code.coding.where(system='${TEMP}' and code='general-information').exists() implies (description.exists() and (output.empty() or output.type.coding.all(system='${TEMP}' and code='general-information-response').exists()))`,
        human: 'SDOH-Task-2: a general-information Task has a description',
      },
      {
        key: 'SDOH-Task-4',
        element: 'input',
        expression: `code.coding.where(system='${TEMP}' and code='make-contact').exists() implies input.type.coding.where(system='${TEMP}' and code='contact-entity').exists()`,
        human: 'SDOH-Task-4: a make-contact Task has a contact-entity input',
      },
      {
        key: 'SDOH-Task-5',
        element: 'output',
        expression: `input.type.coding.where(system='${SDC}' and code='questionnaire').exists() implies (output.type.coding.where(system='${SDC}' and code='questionnaire-response').exists() or output.empty())`,
        human: 'SDOH-Task-5: a questionnaire input gives a questionnaire-response output',
      },
      {
        key: 'SDOH-Task-7',
        element: 'description',
        expression: `code.coding.where(system='${TEMP}' and code='make-contact').exists() implies (description.exists() and (output.empty() or output.type.coding.all(system='${TEMP}' and code='chosen-contact').exists()))`,
        human: 'SDOH-Task-7: a make-contact Task has a description',
      },
    ],
  },
  [PROFILES.sdohServiceRequest]: {
    name: 'SDOHCC ServiceRequest',
    rules: [
      { key: 'sdohcc-sr-code', element: 'code', expression: 'code.exists()', human: 'code 1..1 (US Core ServiceRequest, its parent)' },
      { key: 'sdohcc-sr-specimen', element: 'specimen', expression: 'specimen.empty()', human: 'specimen 0..0' },
      { key: 'sdohcc-sr-bodySite', element: 'bodySite', expression: 'bodySite.empty()', human: 'bodySite 0..0' },
    ],
  },
  [PROFILES.sdohConsent]: {
    name: 'SDOHCC Consent',
    rules: [
      { key: 'sdohcc-consent-idscl', element: 'category', expression: `category.coding.where(system = '${SYSTEMS.actCode}' and code = 'IDSCL').exists()`, human: 'category[IDSCL] 1..1 = v3-ActCode#IDSCL' },
      { key: 'sdohcc-consent-patient', element: 'patient', expression: 'patient.exists()', human: 'patient 1..1' },
      { key: 'sdohcc-consent-dateTime', element: 'dateTime', expression: 'dateTime.exists()', human: 'dateTime 1..1' },
      { key: 'sdohcc-consent-organization', element: 'organization', expression: 'organization.count() = 1', human: 'organization 1..1' },
      { key: 'sdohcc-consent-source', element: 'source', expression: 'source.exists()', human: 'source[x] 1..1' },
    ],
  },
  [PROFILES.nictizTask]: {
    name: 'Nictiz hg-ReferralTask',
    rules: [
      { key: 'nictiz-task-intent', element: 'intent', expression: "intent = 'order'", human: 'intent fixed order' },
      { key: 'nictiz-task-focus', element: 'focus', expression: 'focus.exists()', human: 'focus 1..1' },
      { key: 'nictiz-task-for', element: 'for', expression: 'for.exists()', human: 'for 1..1' },
      { key: 'nictiz-task-authoredOn', element: 'authoredOn', expression: 'authoredOn.exists()', human: 'authoredOn 1..1' },
      { key: 'nictiz-task-requester', element: 'requester', expression: 'requester.exists()', human: 'requester 1..1' },
      { key: 'nictiz-task-owner', element: 'owner', expression: 'owner.exists()', human: 'owner 1..1' },
    ],
  },
  [PROFILES.nictizServiceRequest]: {
    name: 'Nictiz hg-ReferralServiceRequest',
    rules: [
      { key: 'nictiz-sr-intent', element: 'intent', expression: "intent = 'order'", human: 'intent fixed order' },
      { key: 'nictiz-sr-category', element: 'category', expression: 'category.exists()', human: 'category 1..*' },
      { key: 'nictiz-sr-authoredOn', element: 'authoredOn', expression: 'authoredOn.exists()', human: 'authoredOn 1..1' },
      { key: 'nictiz-sr-requester', element: 'requester', expression: 'requester.exists()', human: 'requester 1..1' },
    ],
  },
};
