import { timingSafeEqual } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { SocialeKaartStore, type KaartItem } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { serviceSummaryRows } from '#shared/domain/notifications.ts';
import { ServiceSchema } from '#shared/domain/sociale-kaart.ts';
import { escapeHtml, htmlPage } from '#shared/http/html.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { tokenHashOf } from '#shared/pipeline/kaart-upkeep.ts';
import { logger, metrics } from '#shared/powertools.ts';

const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));

/** The service a link names, if the name can be a service's id at all (no lookup of an empty or 3 KB key). */
const serviceNamed = (serviceId: string) => (ServiceSchema.shape.serviceId.safeParse(serviceId).success ? kaart.get(serviceId) : undefined);

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The open request this token answers, if the link is still good. */
function requestFor(service: KaartItem | undefined, token: string, now: Date) {
  const request = service?.verification;
  if (!request || !token || request.expiresAt <= now.toISOString() || !sameHash(request.tokenHash, tokenHashOf(token))) return undefined;
  return request;
}

const linkGone = () =>
  htmlPage(
    404,
    'Deze link werkt niet (meer)',
    '<p>De link is verlopen, al gebruikt, of niet helemaal overgenomen. U krijgt vanzelf een nieuwe als de gegevens weer bevestigd moeten worden; neem anders contact op met de beheerder van de sociale kaart.</p>',
  );

function summary(service: KaartItem): string {
  const rows: [string, string][] = [['Aanbod', `${service.name} (${service.organisation})`], ...serviceSummaryRows(service), ['Laatst bevestigd', service.lastVerified]];
  return `<dl>${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

/**
 * The one-step confirm link of a re-verification e-mail. Opening it shows the entry with one
 * button; confirming is a POST, so a mail scanner that follows links does not confirm anything.
 */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  if (event.requestContext.http.method === 'GET') {
    const { service: serviceId = '', token = '' } = event.queryStringParameters ?? {};
    const service = await serviceNamed(serviceId);
    if (!service || !requestFor(service, token, now)) return linkGone();
    return htmlPage(
      200,
      'Klopt uw aanbod op de sociale kaart nog?',
      `${summary(service)}<form method="post" action="verify"><input type="hidden" name="service" value="${escapeHtml(service.serviceId)}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Ja, dit klopt nog</button></form><p>Klopt er iets niet? Pas de vrije plaatsen en de wachttijd aan in Overbrug, of laat het de beheerder van de sociale kaart weten.</p>`,
    );
  }
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  const form = new URLSearchParams(raw);
  const serviceId = form.get('service') ?? '';
  const token = form.get('token') ?? '';
  const service = await serviceNamed(serviceId);
  if (!service || !requestFor(service, token, now)) return linkGone();
  const confirmed = await kaart.confirmVerification(service.serviceId, tokenHashOf(token), now);
  if (!confirmed) return linkGone();
  logger.info('Entry confirmed by its partner', { serviceId: service.serviceId });
  metrics.addMetric('KaartEntriesConfirmed', MetricUnit.Count, 1);
  return htmlPage(200, 'Bedankt, bevestigd', `<p>${escapeHtml(service.name)} staat weer als actueel op de sociale kaart (bevestigd op ${confirmed.lastVerified}).</p>`);
});
