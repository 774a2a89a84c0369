import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SAMPLE_ACCOUNT } from 'adminjs-whatsapp/sandbox';

/** What the simulator signs and addresses deliveries with. */
export interface SimulatorSettings {
  appSecret: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
  /** Where the app secret came from, printed so that a 401 is easy to explain. */
  secretSource: string;
}

/** Written by the runnable app (`<DATA_DIR>/sandbox-account.json`) when it runs without Meta credentials. */
interface SandboxAccountFile {
  phoneNumberId?: string;
  wabaId?: string;
  displayPhoneNumber?: string;
  appSecret?: string;
}

export class SimulatorSettingsError extends Error {
  override name = 'SimulatorSettingsError';
}

/**
 * The secret and number the running app expects, most explicit first: command-line options,
 * then the WHATSAPP_* environment the app was started with, then the sandbox account the app
 * wrote into its data directory, then the fixtures' sample number.
 */
export async function resolveSimulatorSettings(
  overrides: { secret?: string; phoneNumberId?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<SimulatorSettings> {
  const dataDir = env.DATA_DIR?.trim() || '.data';
  const file = path.resolve(dataDir, 'sandbox-account.json');
  const sandbox = await readSandboxAccount(file);
  const fromEnv = (name: string) => env[name]?.trim() || undefined;
  const envSecret = fromEnv('WHATSAPP_APP_SECRET');
  const [appSecret, secretSource] = overrides.secret
    ? [overrides.secret, '--secret']
    : envSecret
      ? [envSecret, 'WHATSAPP_APP_SECRET']
      : [sandbox?.appSecret, file];
  if (!appSecret) {
    throw new SimulatorSettingsError(
      `no app secret: ${file} does not exist yet (start the app once with \`npm start\`), or pass --secret / set WHATSAPP_APP_SECRET`,
    );
  }
  return {
    appSecret,
    secretSource,
    phoneNumberId: overrides.phoneNumberId ?? fromEnv('WHATSAPP_PHONE_NUMBER_ID') ?? sandbox?.phoneNumberId ?? SAMPLE_ACCOUNT.phoneNumberId,
    wabaId: fromEnv('WHATSAPP_WABA_ID') ?? sandbox?.wabaId ?? SAMPLE_ACCOUNT.wabaId,
    displayPhoneNumber: fromEnv('WHATSAPP_DISPLAY_PHONE_NUMBER') ?? sandbox?.displayPhoneNumber ?? SAMPLE_ACCOUNT.displayPhoneNumber,
  };
}

async function readSandboxAccount(file: string): Promise<SandboxAccountFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as SandboxAccountFile;
  } catch {
    throw new SimulatorSettingsError(`${file} is not valid JSON; delete it and restart the app to write a new one`);
  }
}
