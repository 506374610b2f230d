import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sesClient } from '#shared/adapters/ses-client.ts';
import { Mailer } from '#shared/adapters/mailer.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { requireEnv, tableName } from '#shared/config.ts';
import { upkeepKaart } from '#shared/pipeline/kaart-upkeep.ts';
import { scheduledHandler } from '#shared/schedule/scheduled-handler.ts';

const deps = {
  kaart: new SocialeKaartStore(documentClient(), tableName('sociale-kaart')),
  mailer: new Mailer(sesClient, process.env.SES_CONFIGURATION_SET),
  publicApiUrl: requireEnv('PUBLIC_API_URL'),
};

export const handler = scheduledHandler('Sociale kaart upkeep done', (now) => upkeepKaart(deps, now));
