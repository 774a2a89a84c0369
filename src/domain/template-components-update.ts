import type { TemplateComponentsUpdate } from './webhook-payload.js';

type Component = Record<string, unknown>;

/**
 * A template's components after Meta's `message_template_components_update`: the texts it
 * carries replace those of the body, the text header, the footer and the URL / phone buttons
 * (in order); every other part — media headers, quick replies, examples — stays as it was.
 */
export function applyComponentsUpdate(components: readonly unknown[], update: TemplateComponentsUpdate): Component[] {
  const result = components.filter((c): c is Component => typeof c === 'object' && c !== null).map((c) => ({ ...c }));
  const find = (type: string) => result.find((c) => String(c.type).toUpperCase() === type);
  const upsert = (type: string, fields: Component, before?: string) => {
    const existing = find(type);
    if (existing) Object.assign(existing, fields);
    else {
      const at = before ? result.findIndex((c) => String(c.type).toUpperCase() === before) : -1;
      result.splice(at === -1 ? result.length : at, 0, { type, ...fields });
    }
  };
  if (update.message_template_element !== undefined) upsert('BODY', { text: update.message_template_element }, 'FOOTER');
  if (update.message_template_title !== undefined) {
    const header = find('HEADER');
    if (!header || header.format === undefined || header.format === 'TEXT') upsert('HEADER', { format: 'TEXT', text: update.message_template_title });
    result.sort((a, b) => (a.type === 'HEADER' ? -1 : b.type === 'HEADER' ? 1 : 0));
  }
  if (update.message_template_footer !== undefined) upsert('FOOTER', { text: update.message_template_footer }, 'BUTTONS');
  const updatedButtons = update.message_template_buttons ?? [];
  if (updatedButtons.length > 0) {
    const buttonsComponent = find('BUTTONS');
    const buttons = Array.isArray(buttonsComponent?.buttons) ? (buttonsComponent.buttons as Component[]).map((b) => ({ ...b })) : [];
    const linked = buttons.filter((b) => b.type === 'URL' || b.type === 'PHONE_NUMBER');
    updatedButtons.forEach((button, index) => {
      const fields: Component = {
        type: button.message_template_button_type,
        ...(button.message_template_button_text !== undefined ? { text: button.message_template_button_text } : {}),
        ...(button.message_template_button_url !== undefined ? { url: button.message_template_button_url } : {}),
        ...(button.message_template_button_phone_number !== undefined ? { phone_number: button.message_template_button_phone_number } : {}),
      };
      const target = linked[index];
      if (target) Object.assign(target, fields);
      else buttons.push(fields);
    });
    upsert('BUTTONS', { buttons });
  }
  return result;
}
