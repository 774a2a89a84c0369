/**
 * The colours a label may have, by name (stored in whatsapp_labels.colour, translated on screen as
 * `labels.colour.<name>`), with the swatch each is drawn in: WhatsApp Business's own label palette,
 * dark enough for white text. Pure: the labels screen, the inbox and the server share it.
 */
export const LABEL_COLOURS = {
  grey: '#667781',
  green: '#128c7e',
  teal: '#00a5a8',
  blue: '#2f6fdc',
  purple: '#7e57c2',
  pink: '#c2185b',
  red: '#d32f2f',
  orange: '#e65100',
  amber: '#a86b00',
  brown: '#795548',
} as const;
export type LabelColour = keyof typeof LABEL_COLOURS;

export const LABEL_COLOUR_NAMES = Object.keys(LABEL_COLOURS) as LabelColour[];

export function isLabelColour(value: unknown): value is LabelColour {
  return typeof value === 'string' && Object.hasOwn(LABEL_COLOURS, value);
}

/** The swatch of a stored colour; an unknown name (a row written by hand) is grey. */
export function labelSwatch(colour: string): string {
  return isLabelColour(colour) ? LABEL_COLOURS[colour] : LABEL_COLOURS.grey;
}
