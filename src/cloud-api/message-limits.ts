import { characterCount, MESSAGE_LIMITS } from '../domain/message-limits.js';
import type {
  InteractiveButtons,
  InteractiveCtaUrl,
  InteractiveHeader,
  InteractiveList,
  MediaSource,
  OutboundMessage,
  TemplateMessage,
} from './outbound-message.js';

export { MESSAGE_LIMITS };

const RECIPIENT = /^\d{5,15}$/;
/** A business-scoped user id: the user's country code, a dot, then up to 128 letters and digits (`US.13491208655302741918`, `US.ENT.…` for a parent BSUID). */
const BSUID = /^[A-Z]{2}\.(?:[A-Z]+\.)?[A-Za-z0-9]{1,128}$/;
const PARAMETER_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * What in a message Meta would refuse, one readable line per problem (empty when none).
 * Checked before the call so that an agent's over-long button title fails at once with a
 * reason instead of costing a round trip and a rate-limit slot.
 */
export function outboundMessageProblems(message: OutboundMessage): string[] {
  const problems: string[] = [];
  const { check, text } = collectors(problems);
  const media = (source: MediaSource | undefined, path: string) => mediaProblems(source, path, problems);
  const caption = (value: string | undefined, path: string) => {
    if (value !== undefined) text(value, path, MESSAGE_LIMITS.caption, 0);
  };

  if (message.recipient !== undefined) {
    check(BSUID.test(message.recipient), `recipient: a business-scoped user id (CC.digits), got ${JSON.stringify(message.recipient)}`);
  } else {
    check(typeof message.to === 'string' && RECIPIENT.test(message.to), `to: a wa_id (country code and number, digits only), got ${JSON.stringify(message.to)}`);
  }
  if (message.context !== undefined) text(message.context.message_id, 'context.message_id', Number.MAX_SAFE_INTEGER);
  if (message.biz_opaque_callback_data !== undefined) {
    const bytes = Buffer.byteLength(message.biz_opaque_callback_data, 'utf8');
    check(bytes <= MESSAGE_LIMITS.callbackDataBytes, `biz_opaque_callback_data: at most ${MESSAGE_LIMITS.callbackDataBytes} bytes (got ${bytes})`);
  }

  switch (message.type) {
    case 'text':
      text(message.text?.body, 'text.body', MESSAGE_LIMITS.textBody);
      break;
    case 'image':
      media(message.image, 'image');
      caption(message.image?.caption, 'image.caption');
      break;
    case 'video':
      media(message.video, 'video');
      caption(message.video?.caption, 'video.caption');
      break;
    case 'document':
      media(message.document, 'document');
      caption(message.document?.caption, 'document.caption');
      break;
    case 'audio':
      media(message.audio, 'audio');
      break;
    case 'sticker':
      media(message.sticker, 'sticker');
      break;
    case 'reaction':
      text(message.reaction?.message_id, 'reaction.message_id', Number.MAX_SAFE_INTEGER);
      check(typeof message.reaction?.emoji === 'string', 'reaction.emoji: required (empty removes the reaction)');
      break;
    case 'location': {
      const { latitude, longitude } = message.location ?? {};
      check(typeof latitude === 'number' && latitude >= -90 && latitude <= 90, 'location.latitude: a number between -90 and 90');
      check(typeof longitude === 'number' && longitude >= -180 && longitude <= 180, 'location.longitude: a number between -180 and 180');
      break;
    }
    case 'contacts':
      check(Array.isArray(message.contacts) && message.contacts.length > 0, 'contacts: at least one contact');
      message.contacts?.forEach((contact, i) => text(contact?.name?.formatted_name, `contacts[${i}].name.formatted_name`, Number.MAX_SAFE_INTEGER));
      break;
    case 'interactive':
      if (message.interactive?.type === 'button') interactiveButtonProblems(message.interactive, problems);
      else if (message.interactive?.type === 'list') interactiveListProblems(message.interactive, problems);
      else if (message.interactive?.type === 'cta_url') interactiveCtaUrlProblems(message.interactive, problems);
      else problems.push('interactive.type: button, list or cta_url');
      break;
    case 'template':
      templateProblems(message.template, problems);
      break;
    default:
      problems.push(`type: unsupported message type ${JSON.stringify((message as { type: unknown }).type)}`);
  }
  return problems;
}

function interactiveButtonProblems(interactive: InteractiveButtons, problems: string[]): void {
  const { text, check } = collectors(problems);
  if (interactive.header) headerProblems(interactive.header, problems);
  text(interactive.body?.text, 'interactive.body.text', MESSAGE_LIMITS.buttonBodyText);
  if (interactive.footer) text(interactive.footer.text, 'interactive.footer.text', MESSAGE_LIMITS.interactiveFooterText);
  const buttons = interactive.action?.buttons ?? [];
  check(buttons.length >= 1 && buttons.length <= MESSAGE_LIMITS.buttons, `interactive.action.buttons: 1 to ${MESSAGE_LIMITS.buttons} buttons (got ${buttons.length})`);
  buttons.forEach((button, i) => {
    check(button?.type === 'reply', `interactive.action.buttons[${i}].type: must be "reply"`);
    text(button?.reply?.id, `interactive.action.buttons[${i}].reply.id`, MESSAGE_LIMITS.buttonId);
    text(button?.reply?.title, `interactive.action.buttons[${i}].reply.title`, MESSAGE_LIMITS.buttonTitle);
  });
  duplicates(buttons.map((button) => button?.reply?.id), 'interactive.action.buttons: ids must be unique', problems);
  duplicates(buttons.map((button) => button?.reply?.title), 'interactive.action.buttons: titles must be unique', problems);
}

function interactiveListProblems(interactive: InteractiveList, problems: string[]): void {
  const { text, check } = collectors(problems);
  if (interactive.header) {
    check(interactive.header.type === 'text', 'interactive.header: a list takes a text header only');
    text(interactive.header.text, 'interactive.header.text', MESSAGE_LIMITS.interactiveHeaderText);
  }
  text(interactive.body?.text, 'interactive.body.text', MESSAGE_LIMITS.listBodyText);
  if (interactive.footer) text(interactive.footer.text, 'interactive.footer.text', MESSAGE_LIMITS.interactiveFooterText);
  text(interactive.action?.button, 'interactive.action.button', MESSAGE_LIMITS.listButtonLabel);
  const sections = interactive.action?.sections ?? [];
  check(sections.length >= 1 && sections.length <= MESSAGE_LIMITS.listSections, `interactive.action.sections: 1 to ${MESSAGE_LIMITS.listSections} sections (got ${sections.length})`);
  const rows = sections.flatMap((section) => section?.rows ?? []);
  check(rows.length >= 1 && rows.length <= MESSAGE_LIMITS.listRows, `interactive.action.sections: 1 to ${MESSAGE_LIMITS.listRows} rows in all (got ${rows.length})`);
  sections.forEach((section, s) => {
    const path = `interactive.action.sections[${s}]`;
    if (sections.length > 1 || section?.title !== undefined) text(section?.title, `${path}.title`, MESSAGE_LIMITS.listSectionTitle);
    check((section?.rows ?? []).length > 0, `${path}.rows: at least one row`);
    (section?.rows ?? []).forEach((row, r) => {
      text(row?.id, `${path}.rows[${r}].id`, MESSAGE_LIMITS.listRowId);
      text(row?.title, `${path}.rows[${r}].title`, MESSAGE_LIMITS.listRowTitle);
      if (row?.description !== undefined) text(row.description, `${path}.rows[${r}].description`, MESSAGE_LIMITS.listRowDescription, 0);
    });
  });
  duplicates(rows.map((row) => row?.id), 'interactive.action.sections: row ids must be unique', problems);
}

function interactiveCtaUrlProblems(interactive: InteractiveCtaUrl, problems: string[]): void {
  const { text, check } = collectors(problems);
  if (interactive.header) headerProblems(interactive.header, problems);
  text(interactive.body?.text, 'interactive.body.text', MESSAGE_LIMITS.ctaBodyText);
  if (interactive.footer) text(interactive.footer.text, 'interactive.footer.text', MESSAGE_LIMITS.interactiveFooterText);
  check(interactive.action?.name === 'cta_url', 'interactive.action.name: must be "cta_url"');
  text(interactive.action?.parameters?.display_text, 'interactive.action.parameters.display_text', MESSAGE_LIMITS.ctaDisplayText);
  const url = interactive.action?.parameters?.url;
  check(typeof url === 'string' && isHttpUrl(url), 'interactive.action.parameters.url: an http(s) URL');
}

function headerProblems(header: InteractiveHeader, problems: string[]): void {
  const { text } = collectors(problems);
  if (header.type === 'text') return text(header.text, 'interactive.header.text', MESSAGE_LIMITS.interactiveHeaderText);
  mediaProblems((header as Record<string, unknown>)[header.type] as MediaSource | undefined, `interactive.header.${header.type}`, problems);
}

function mediaProblems(source: MediaSource | undefined, path: string, problems: string[]): void {
  const hasId = typeof source?.id === 'string' && source.id !== '';
  const hasLink = typeof source?.link === 'string' && source.link !== '';
  if (hasId === hasLink) problems.push(`${path}: exactly one of id or link`);
  else if (hasLink && !isHttpUrl(source!.link!)) problems.push(`${path}.link: must be an http(s) URL`);
}

function templateProblems(template: TemplateMessage | undefined, problems: string[]): void {
  const { text, check } = collectors(problems);
  text(template?.name, 'template.name', 512);
  text(template?.language?.code, 'template.language.code', 15);
  let named = 0;
  let positional = 0;
  (template?.components ?? []).forEach((component, c) => {
    const path = `template.components[${c}]`;
    check(Array.isArray(component?.parameters), `${path}.parameters: required`);
    (component?.parameters ?? []).forEach((parameter, p) => {
      const at = `${path}.parameters[${p}]`;
      if (component.type === 'header' && parameter.type === 'text') text(parameter.text, `${at}.text`, MESSAGE_LIMITS.templateHeaderText);
      if (component.type === 'button') return;
      const name = (parameter as { parameter_name?: unknown }).parameter_name;
      if (name === undefined) {
        if (parameter.type === 'text' || parameter.type === 'currency' || parameter.type === 'date_time') positional += 1;
        return;
      }
      named += 1;
      check(typeof name === 'string' && PARAMETER_NAME.test(name), `${at}.parameter_name: lowercase letters, digits and _ (got ${JSON.stringify(name)})`);
    });
  });
  check(named === 0 || positional === 0, 'template: parameters are either all named or all positional');
}

function collectors(problems: string[]) {
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const text = (value: unknown, path: string, max: number, min = 1) => {
    if (typeof value !== 'string') return void problems.push(`${path}: required`);
    const length = characterCount(value);
    check(length >= min, `${path}: must not be empty`);
    check(length <= max, `${path}: at most ${max} characters (got ${length})`);
  };
  return { check, text };
}

function duplicates(values: unknown[], problem: string, problems: string[]): void {
  const present = values.filter((value) => typeof value === 'string');
  if (new Set(present).size !== present.length) problems.push(problem);
}


function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
