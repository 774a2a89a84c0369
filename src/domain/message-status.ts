/** Which way a message went, and the statuses a stored message may have (outbound delivery, or `received`). */
export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'unknown', 'received'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Where a message came from when not from this inbox or its customer's phone directly (coexistence). */
export const MESSAGE_ORIGINS = ['business_app', 'history'] as const;
export type MessageOrigin = (typeof MESSAGE_ORIGINS)[number];
