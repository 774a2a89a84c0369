import type { Theme } from '@adminjs/design-system';

/** A colour of the AdminJS theme, for styled() templates: `color: ${themeColor('grey60')};`. */
export const themeColor =
  (name: keyof Theme['colors']) =>
  ({ theme }: { theme: Theme }): string =>
    theme.colors[name];

/**
 * What the AdminJS theme has no equivalent for: the conversation view looks like WhatsApp, so
 * agents read a chat the way their customers do (wallpaper, green outgoing bubbles, blue ticks).
 * Every other colour of the components comes from the theme.
 */
export const whatsAppColors = {
  wallpaper: '#efeae2',
  outgoingBubble: '#d9fdd3',
  /** Read ticks, and the bar of a quoted customer message. */
  readTick: '#53bdeb',
  /** The bar of a quoted message of ours. */
  ownQuoteBar: '#06cf9c',
  /** The yellow of system notices and of the offline banner. */
  notice: '#fff8d6',
  bubbleShadow: 'rgba(11, 20, 26, 0.13)',
  bubbleEdge: 'rgba(0, 0, 0, 0.06)',
  quoteTint: 'rgba(0, 0, 0, 0.05)',
  /** Cards inside a bubble, letting its colour through. */
  cardTint: 'rgba(255, 255, 255, 0.6)',
} as const;
