import './styles/app.css';
import { render } from 'preact';
import type { WebConfig } from '../config.ts';
import { configureApi } from './api.ts';
import { App } from './app.tsx';
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

async function start(root: HTMLElement): Promise<void> {
  let config: WebConfig;
  try {
    config = await loadConfig();
  } catch {
    render(<StartFailed message="De app kon haar instellingen niet laden. Laad de pagina opnieuw; blijft dit zo, meld het dan aan de beheerder." />, root);
    return;
  }
  configureApi(config);
  try {
    await completeSignIn(config);
  } catch (error) {
    if (!(error instanceof SignInFailed)) throw error;
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
    render(<Welcome config={config} signedOut={justSignedOut()} />, root);
    return;
  }
  render(<App config={config} session={session} />, root);
}

void start(document.getElementById('app')!);
