import type { DataSource } from 'typeorm';
import { templateParameterSlots, type TemplateParameterSlot } from '../../domain/template-parameters.js';
import { queryRows } from '../../db/sql.js';

/** An approved template as the picker offers it: its body to preview and the parameters to fill by name. */
export interface SendableTemplate {
  id: string;
  name: string;
  language: string;
  bodyText: string;
  slots: TemplateParameterSlot[];
}

/** The approved templates of the conversation's number, each with the parameters an agent fills by name. */
export async function sendableTemplates(dataSource: DataSource, conversationId: string): Promise<SendableTemplate[]> {
  const rows = await queryRows<{ id: string; name: string; language: string; components: unknown[] }>(
    dataSource,
    `SELECT t.id, t.name, t.language, t.components
       FROM whatsapp_templates t JOIN whatsapp_conversations c ON c.account_id = t.account_id
      WHERE c.id = $1 AND t.status = 'APPROVED' ORDER BY t.name, t.language`,
    [conversationId],
  );
  return rows.map((row) => {
    const body = (row.components as { type?: string; text?: string }[]).find((c) => c.type === 'BODY');
    return { id: row.id, name: row.name, language: row.language, bodyText: body?.text ?? '', slots: templateParameterSlots(row) };
  });
}
