import type { DataSource } from 'typeorm';
import { negotiateLanguage } from '../i18n/negotiate-language.js';
import type { Language } from '../i18n/catalogue.js';
import type { HostUser, IdentifyUser } from './host-user.js';
import { syncAgent, type Agent } from './sync-agent.js';

/** The agent behind a request, with the language the back office speaks to them. */
export interface SignedInAgent extends Agent {
  language: Language;
}

// Kept on the host's `currentAdmin` object for the rest of the request, under a symbol: never
// serialised (not into the session store, not into the page AdminJS sends to the browser), so a
// stale copy can never stand in for the one loaded from the database on this request.
const AGENT = Symbol.for('adminjs-whatsapp.agent');

type Carrier = { [AGENT]?: SignedInAgent };

/** The agent loaded for this request, or null: whoever is not loaded holds nothing. */
export function signedInAgent(currentAdmin: unknown): SignedInAgent | null {
  return currentAdmin && typeof currentAdmin === 'object' ? ((currentAdmin as Carrier)[AGENT] ?? null) : null;
}

export interface AgentLoader {
  /**
   * Loads (once per request) the agent of the host's signed-in admin and keeps it on that object;
   * null when there is none or the host does not know them.
   */
  load(currentAdmin: unknown, acceptLanguage?: string): Promise<SignedInAgent | null>;
}

export function createAgentLoader(dataSource: DataSource, identify: IdentifyUser): AgentLoader {
  return {
    async load(currentAdmin, acceptLanguage) {
      if (!currentAdmin || typeof currentAdmin !== 'object') return null;
      const loaded = signedInAgent(currentAdmin);
      if (loaded) return loaded;
      const user: HostUser | null | undefined = await identify(currentAdmin as never);
      if (!user || user.id === undefined || user.id === null || String(user.id) === '') return null;
      const agent = await syncAgent(dataSource, user);
      const signedIn: SignedInAgent = { ...agent, language: negotiateLanguage(agent.preferredLanguage ?? user.language, acceptLanguage) };
      (currentAdmin as Carrier)[AGENT] = signedIn;
      return signedIn;
    },
  };
}
