/**
 * Message types that are not someone talking: a reaction (an agent's 👍 answers nobody), a
 * customer's number change (`system`), what Meta could not render, and revisions of an earlier
 * message. No automation answers them, they reply to no campaign, start no SLA timer, and the
 * reports count them as neither a customer message nor a reply. The database holds the same
 * rule as whatsapp_message_talks(type, origin) (migration 1600), which also leaves imported
 * history out; a test keeps the two lists equal.
 */
export const NOT_TALKING_TYPES: ReadonlySet<string> = new Set(['reaction', 'system', 'unsupported', 'unknown', 'ephemeral', 'revoke', 'edit']);
