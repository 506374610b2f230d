import './styles/app.css';
import { render } from 'preact';
import type { WebConfig } from '../config.ts';
import { configureApi } from './api.ts';
import { App } from './app.tsx';
import { setServedRegions } from './app-context.ts';
import { parseHash } from './routing.ts';
import { completeSignIn, currentSession, justSignedOut, signIn, SignInFailed } from './session.ts';
import { StartFailed, Welcome } from './welcome.tsx';

/**
 * The environment's settings. Whoever writes /config.json checks it against WebConfigSchema (the
 * local runtime, the CDK stack); the app does not carry zod on its first page just to check again.
 */
async function loadConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const config = (await response.json()) as Partial<WebConfig> | null;
  if (typeof config?.apiBaseUrl !== 'string' || !config.auth?.authorizationEndpoint || !config.auth.tokenEndpoint) throw new Error('/config.json is incomplete');
  return config as WebConfig;
}

/**
 * The regions served as the API knows them now (a region added after this build included). If the
 * API cannot be asked, the app goes on with the regions it was built with.
 */
async function loadRegions(config: WebConfig): Promise<void> {
  try {
    const response = await fetch(`${config.apiBaseUrl}/regions`, { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const { items } = (await response.json()) as { items?: unknown };
    if (Array.isArray(items) && items.every((item) => typeof item?.regionId === 'string' && Array.isArray(item.gemeenten))) setServedRegions(items);
  } catch {
    // Offline or the API is down: the built-in list serves until the next start.
  }
}

async function start(root: HTMLElement): Promise<void> {
  let config: WebConfig;
  try {
    config = await loadConfig();
  } catch {
    render(<StartFailed message="De app kon haar instellingen niet laden. Laad de pagina opnieuw; blijft dit zo, meld het dan aan de beheerder." />, root);
    return;
  }
  configureApi(config);
  const regionsLoaded = loadRegions(config);
  try {
    await completeSignIn(config);
  } catch (error) {
    if (!(error instanceof SignInFailed)) throw error;
    await regionsLoaded;
    render(<Welcome config={config} problem={error.message} />, root);
    return;
  }
  const session = currentSession();
  if (!session) {
    // A link to a page (from an e-mail, a bookmark) goes straight to sign-in and back to that page.
    if (parseHash(location.hash).path !== '/' && !justSignedOut()) {
      await signIn(config);
      return;
    }
    await regionsLoaded;
    render(<Welcome config={config} signedOut={justSignedOut()} />, root);
    return;
  }
  await regionsLoaded;
  render(<App config={config} session={session} />, root);
}

void start(document.getElementById('app')!);
