import { buildFeature, type ActionContext, type ActionRequest, type ActionResponse, type Before, type FeatureType, type NoticeMessage } from 'adminjs';
import QRCode from 'qrcode';
import { signedInAgent } from '../agents/signed-in-agent.js';
import type { PluginContext } from '../context/plugin-context.js';
import { recordWhatsApp, type RecordWhatsApp } from '../conversations/read/record-whatsapp.js';
import { sendTemplateTo, sendTextTo } from '../conversations/send-to-target.js';
import { clickToChatLink } from '../domain/click-to-chat.js';
import { holds } from '../permissions/permission-snapshot.js';
import type { WhatsAppComponents } from './components.js';
import { refusalNotice } from './refusal-notice.js';

export interface RecordFeatureOptions {
  /** The property of the host's resource that holds the phone number (any spelling). */
  phoneProperty: string;
  /** The click-to-chat link's prefilled text when no template is chosen. */
  clickToChatText?: string;
}

/** What the record's WhatsApp panel reads (GET) and what a send answers (POST). */
export interface RecordWhatsAppAnswer extends ActionResponse {
  whatsapp: (RecordWhatsApp & { phone: string | null; clickToChat: { link: string; qrSvg: string } | null }) | null;
  notice?: NoticeMessage;
}

/** The record action and the show page's panel share the action's name. */
export const RECORD_ACTION = 'whatsapp';

/**
 * WhatsApp on a host's own resource (a customer, a student, a lead), the AdminJS way:
 * `features: [whatsapp.recordFeature({ phoneProperty: 'phone' })]`. Its show page gets a WhatsApp
 * panel (the record's conversations under any spelling of its phone, the last messages, a box
 * that sends free text inside the 24-hour window and an approved template outside it, and a
 * click-to-chat link with its QR code) and its list a "WhatsApp" action that opens the same panel.
 */
export function recordFeatureFor(context: PluginContext, components: WhatsAppComponents, guard: Before) {
  return (options: RecordFeatureOptions): FeatureType =>
    buildFeature({
      properties: {
        [RECORD_ACTION]: {
          isVisible: { show: true, list: false, edit: false, filter: false },
          components: { show: components.whatsAppOnRecord },
          position: 9999,
        },
      },
      actions: {
        [RECORD_ACTION]: {
          actionType: 'record',
          icon: 'MessageCircle',
          component: components.whatsAppOnRecord,
          isAccessible: ({ currentAdmin }: ActionContext) => holds(signedInAgent(currentAdmin), 'inbox.view'),
          before: [guard],
          handler: async (request: ActionRequest, _response: unknown, ctx: ActionContext): Promise<RecordWhatsAppAnswer> => {
            const record = ctx.record!;
            const agent = signedInAgent(ctx.currentAdmin);
            const phone = (record.params[options.phoneProperty] as string | undefined) || null;
            const answer = (notice?: NoticeMessage) =>
              panel(context, agent, phone, options, (request.query?.prefill as string | undefined) ?? null).then((whatsapp) => ({
                record: record.toJSON(ctx.currentAdmin),
                whatsapp,
                ...(notice ? { notice } : {}),
              }));
            if (request.method !== 'post' || !agent || !phone) return answer();
            const payload = request.payload ?? {};
            const target = { accountId: String(payload.accountId ?? ''), to: phone };
            try {
              if (payload.templateId) {
                const values = Object.fromEntries(
                  Object.entries(payload).filter(([key]) => key.startsWith('value:')).map(([key, value]) => [key.slice('value:'.length), String(value)]),
                );
                await sendTemplateTo(context, target, { templateId: String(payload.templateId), values }, agent);
              } else {
                await sendTextTo(context, target, { text: String(payload.text ?? '') }, agent);
              }
            } catch (error) {
              return answer(refusalNotice(error));
            }
            return answer({ message: 'integrations.record.sent', type: 'success' });
          },
        },
      },
    });
}

async function panel(
  context: PluginContext,
  agent: ReturnType<typeof signedInAgent>,
  phone: string | null,
  options: RecordFeatureOptions,
  prefillTemplateId: string | null,
): Promise<RecordWhatsAppAnswer['whatsapp']> {
  if (!agent || !phone) return null;
  const whatsapp = await recordWhatsApp(context.dataSource, agent, phone, context.options.defaultRegion);
  const prefill = whatsapp.templates.find((template) => template.id === prefillTemplateId)?.body ?? options.clickToChatText ?? null;
  const link = clickToChatLink(phone, prefill, context.options.defaultRegion);
  return {
    ...whatsapp,
    phone,
    clickToChat: link ? { link, qrSvg: await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) } : null,
  };
}
