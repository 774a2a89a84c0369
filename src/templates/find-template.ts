import { WhatsAppTemplate } from '../entities/whatsapp-template.entity.js';
import type { TemplateContext } from './template-context.js';
import { isUuid } from '../domain/uuid.js';

/** Ids come from forms and URLs: anything that is not a uuid is no template (PostgreSQL would reject it). */

export async function findTemplate(context: TemplateContext, templateId: string): Promise<WhatsAppTemplate | null> {
  return isUuid(templateId) ? context.dataSource.getRepository(WhatsAppTemplate).findOneBy({ id: templateId }) : null;
}

export function loadTemplate(context: TemplateContext, templateId: string): Promise<WhatsAppTemplate> {
  return context.dataSource.getRepository(WhatsAppTemplate).findOneByOrFail({ id: templateId });
}
