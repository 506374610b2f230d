import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { capabilityStatement } from '#shared/fhir/capability.ts';
import { codeSystemResource } from '#shared/fhir/codes.ts';
import { baseUrlOf, fhirResponse, fromProblem, outcomeResponse } from '#shared/fhir/http.ts';
import { FhirRefusal } from '#shared/fhir/outcome.ts';
import { netwerkintakeQuestionnaire, QUESTIONNAIRE_ID } from '#shared/fhir/questionnaire.ts';
import { readConsent, readServiceRequest, readTask, searchBundle, searchTasks } from '#shared/fhir/read-api.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';

const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  kaart: new SocialeKaartStore(documentClient(), tableName('sociale-kaart')),
};
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

/**
 * GET /fhir/...: the CapabilityStatement and the definitions (public), and Tasks, ServiceRequests
 * and Consents as the caller may see them (docs/fhir.md). Every read of a case is in the access log.
 */
export const handler = httpHandler(async (event) => {
  const route = event.routeKey;
  const id = event.pathParameters?.id ?? '';
  try {
    if (route === 'GET /fhir/metadata') return fhirResponse(event, 200, capabilityStatement(baseUrlOf(event)));
    if (route === 'GET /fhir/Questionnaire/{id}') {
      if (id !== QUESTIONNAIRE_ID) throw new FhirRefusal(404, [{ code: 'not-found', text: `Questionnaire/${id.slice(0, 64)} is not known here; Overbrug's is ${QUESTIONNAIRE_ID}` }]);
      return fhirResponse(event, 200, netwerkintakeQuestionnaire());
    }
    if (route === 'GET /fhir/CodeSystem/{id}') {
      const codeSystem = codeSystemResource(id);
      if (!codeSystem) throw new FhirRefusal(404, [{ code: 'not-found', text: `CodeSystem/${id.slice(0, 64)} is not known here` }]);
      return fhirResponse(event, 200, codeSystem);
    }

    const auth = await authorize(event);
    if ('denied' in auth) return fromProblem(event, auth.denied);
    const { access } = auth;
    if (route === 'GET /fhir/Task') {
      const query = event.queryStringParameters ?? {};
      const result = await searchTasks(deps, access, query as Record<string, string>);
      await accessLog.recordAll(result.referrals.map((referral) => AccessLog.entry(event, access, referral.referralId, 'fhir-read', 'shown', referral.regionId)));
      return fhirResponse(event, 200, searchBundle(result, baseUrlOf(event), query as Record<string, string>));
    }
    const read = route === 'GET /fhir/Task/{id}' ? readTask : route === 'GET /fhir/ServiceRequest/{id}' ? readServiceRequest : readConsent;
    const { resource, referral } = await read(deps, access, id);
    await accessLog.record(AccessLog.entry(event, access, referral.referralId, 'fhir-read', 'shown', referral.regionId));
    const meta = (resource as { meta?: { versionId?: string } }).meta;
    return fhirResponse(event, 200, resource, meta?.versionId ? { etag: `W/"${meta.versionId}"` } : {});
  } catch (error) {
    if (error instanceof FhirRefusal) return outcomeResponse(event, error.status, error.issues, error.headers);
    throw error;
  }
}, { answerAs: fromProblem });
