/**
 * `npm run simulate -- <kind> [options]`: posts signed webhook deliveries, shaped like Meta's,
 * to a running instance, so the inbox can be tried without Meta. `--help` lists the options.
 */
import { parseArgs } from 'node:util';
import {
  SIMULATION_KINDS,
  STATUS_VALUES,
  buildDelivery,
  postDelivery,
  serializeDelivery,
  type DeliveryOptions,
  type SimulatedStatus,
  type SimulationKind,
  type WebhookDelivery,
} from 'adminjs-whatsapp/sandbox';
import { SimulatorSettingsError, resolveSimulatorSettings } from './simulator-settings.js';

const USAGE = `Usage: npm run simulate -- <kind> [options]

Kinds: ${SIMULATION_KINDS.join(', ')}

Options:
  --url <url>              webhook URL (default http://localhost:$PORT/webhooks/whatsapp, PORT default 3000)
  --secret <app secret>    default: WHATSAPP_APP_SECRET, else the sandbox account in $DATA_DIR/sandbox-account.json
  --phone-number-id <id>   the business number the delivery is for (default: the app's number)
  --from <wa_id>           the customer's WhatsApp number, digits only (default 213555123456)
  --name <name>            the customer's profile name
  --text <text>            message text, caption, or button / list title
  --wamid <id>             message kinds: the message id (repeat it to redeliver the same message);
                           status: the outbound message it is about; reaction: the message reacted to
  --reply-to <wamid>       make the message a reply to this message
  --status <status>        status kind: ${STATUS_VALUES.join(', ')} (default delivered)
  --emoji <emoji>          reaction kind (an empty string removes the reaction)
  --template <name>        template-update kind: the template's name
  --event <event>          template-update kind: APPROVED, REJECTED, PAUSED, DISABLED… (default APPROVED)
  --count <n>              send n deliveries, one after the other (default 1)
  --escape-unicode         write non-ASCII characters as \\uXXXX escapes, as Meta does
  --show-body              print each body sent

Examples:
  npm run simulate -- text --text "Bonjour, c'est pour une inscription"
  npm run simulate -- image --from 213661987654 --name "Karim Haddad"
  npm run simulate -- status --status read --wamid wamid.HBgM...
  npm run simulate -- batched --escape-unicode
  npm run simulate -- referral                         # a customer from a click-to-WhatsApp ad
  npm run simulate -- edit --wamid wamid.HBgM...       # edit, revoke: change a message already sent
  npm run simulate -- echo; npm run simulate -- history   # coexistence with the WhatsApp Business app
  npm run simulate -- opt-out; npm run simulate -- username; npm run simulate -- call`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      secret: { type: 'string' },
      'phone-number-id': { type: 'string' },
      from: { type: 'string' },
      name: { type: 'string' },
      text: { type: 'string' },
      wamid: { type: 'string' },
      'reply-to': { type: 'string' },
      status: { type: 'string' },
      emoji: { type: 'string' },
      template: { type: 'string' },
      event: { type: 'string' },
      count: { type: 'string', default: '1' },
      'escape-unicode': { type: 'boolean', default: false },
      'show-body': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [kind] = positionals;
  if (values.help || !kind) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (!isKind(kind)) return usageError(`unknown kind "${kind}"`);
  if (values.status !== undefined && !isStatus(values.status)) return usageError(`unknown status "${values.status}"`);
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) return usageError('--count must be a positive integer');

  const settings = await resolveSimulatorSettings({ secret: values.secret, phoneNumberId: values['phone-number-id'] });
  const url = values.url ?? `http://localhost:${process.env.PORT?.trim() || 3000}/webhooks/whatsapp`;
  const options: DeliveryOptions = {
    phoneNumberId: settings.phoneNumberId,
    wabaId: settings.wabaId,
    displayPhoneNumber: settings.displayPhoneNumber,
    from: values.from,
    name: values.name,
    text: values.text,
    wamid: values.wamid,
    replyTo: values['reply-to'],
    status: values.status as SimulatedStatus | undefined,
    emoji: values.emoji,
    templateName: values.template,
    templateEvent: values.event,
  };
  console.log(`POST ${url} (number ${settings.phoneNumberId}, signed with the app secret from ${settings.secretSource})`);

  let failures = 0;
  for (let i = 0; i < count; i++) {
    const delivery = buildDelivery(kind, options);
    const body = serializeDelivery(delivery, { escapeUnicode: values['escape-unicode'] });
    if (values['show-body']) console.log(body);
    const outcome = await post(url, body, settings.appSecret);
    if (!outcome.ok) failures++;
    console.log(`  ${kind}: ${describe(delivery)} (${Buffer.byteLength(body)} bytes) → ${outcome.text}`);
    if (outcome.unreachable) break;
  }
  return failures === 0 ? 0 : 1;
}

async function post(url: string, body: string, appSecret: string): Promise<{ ok: boolean; text: string; unreachable?: boolean }> {
  try {
    const response = await postDelivery(body, { url, appSecret });
    const answer = (await response.text()).slice(0, 200);
    const hint = response.status === 401 ? ' (wrong app secret? pass --secret or check WHATSAPP_APP_SECRET)' : '';
    return { ok: response.ok, text: `${response.status} ${answer}${hint}` };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    const text = code === 'ECONNREFUSED' ? `nothing listens at ${url} (is the app running? npm start)` : `failed: ${String(error)}`;
    return { ok: false, text, unreachable: true };
  }
}

/** One line saying what a delivery carries: the ids a developer will look for in the inbox. */
function describe(delivery: WebhookDelivery): string {
  const parts: string[] = [];
  for (const entry of delivery.entry) {
    for (const change of entry.changes) {
      const value = change.value as {
        messages?: { id: string; type: string; from?: string }[];
        statuses?: { id: string; status: string }[];
        event?: string;
        message_template_name?: string;
      };
      if (change.field !== 'messages') parts.push(`${change.field} ${value.message_template_name ?? ''} ${value.event ?? ''}`.trim());
      for (const m of value.messages ?? []) parts.push(`${m.type} ${m.id} from ${m.from}`);
      for (const s of value.statuses ?? []) parts.push(`status ${s.status} of ${s.id}`);
    }
  }
  return parts.join('; ');
}

function isKind(value: string): value is SimulationKind {
  return (SIMULATION_KINDS as readonly string[]).includes(value);
}

function isStatus(value: string): value is SimulatedStatus {
  return (STATUS_VALUES as readonly string[]).includes(value);
}

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) process.exit(usageError((error as Error).message));
    console.error(error instanceof SimulatorSettingsError ? error.message : error);
    process.exit(1);
  },
);
