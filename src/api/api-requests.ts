import { z } from 'zod';
import type { TemplateParameterValue } from '../domain/template-parameters.js';
import { CONVERSATION_STATUSES } from '../entities/whatsapp-conversation.entity.js';

/*
 * The request bodies and queries of the REST API, checked with zod before any use case runs.
 * The OpenAPI document (openapi-document.ts) describes the same shapes for the API's users.
 */

const target = z.union([
  z.object({ conversationId: z.string().uuid() }).strict(),
  z.object({ accountId: z.string().uuid(), to: z.string().min(3).max(40) }).strict(),
]);

const withTarget = <T extends z.ZodRawShape>(shape: T) =>
  z.intersection(
    z.object({ conversationId: z.string().uuid().optional(), accountId: z.string().uuid().optional(), to: z.string().min(3).max(40).optional() }),
    z.object(shape),
  ).transform((body, ctx) => {
    const parsed = target.safeParse(pick(body, ['conversationId', 'accountId', 'to']));
    if (parsed.success) return { ...body, target: parsed.data };
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'conversationId|accountId+to', path: ['target'] });
    return z.NEVER;
  });

function pick(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
}

export const sendTextBody = withTarget({
  text: z.string().min(1).max(4096),
  previewUrl: z.boolean().optional(),
  replyToMessageId: z.string().uuid().optional(),
});

// Text, or a typed value ({ "kind": "image", "link": … }); the template's own check then says,
// per slot, what does not fit it.
const parameterValue = z.union([z.string().max(1024), z.object({ kind: z.string().max(20) }).passthrough()]) as unknown as z.ZodType<TemplateParameterValue>;

export const sendTemplateBody = withTarget({
  templateId: z.string().uuid(),
  values: z.record(z.string().max(100), parameterValue).optional(),
});

export const sendMediaBody = withTarget({
  kind: z.enum(['image', 'video', 'audio', 'document', 'sticker']),
  link: z.string().url().startsWith('https://').max(2000).optional(),
  mediaId: z.string().min(1).max(128).optional(),
  caption: z.string().max(1024).optional(),
  filename: z.string().max(240).optional(),
}).refine((body) => (body.link === undefined) !== (body.mediaId === undefined), { message: 'link|mediaId', path: ['media'] });

export const listQuery = z.object({
  accountId: z.string().uuid().optional(),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  phone: z.string().min(3).max(40).optional(),
  before: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const messagesQuery = z.object({
  before: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const templatesQuery = z.object({ accountId: z.string().uuid().optional() });
export const contactsQuery = z.object({ phone: z.string().min(3).max(40) });

/** zod's complaints, one readable line each: `path: message`. */
export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

export const sequencesQuery = z.object({
  accountId: z.string().uuid().optional(),
});

/** Contacts to enrol: phones in any spelling (a contact is created for a new one) and/or contact ids. */
export const enrollBody = z
  .object({
    phones: z.array(z.string().min(3).max(40)).max(1_000).optional(),
    contactIds: z.array(z.string().uuid()).max(1_000).optional(),
  })
  .strict()
  .refine((body) => (body.phones?.length ?? 0) + (body.contactIds?.length ?? 0) > 0, { message: 'phones|contactIds', path: ['phones'] });
