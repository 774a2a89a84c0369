/*
 * The 24-hour customer-service window (reference §4): each message from the customer opens or
 * refreshes it for 24 h; inside it any message may be sent, outside it only templates (Meta
 * answers 131047 otherwise). Only the customer's messages count: a template sent by the
 * business does not open it, so the input is the time of the last INBOUND message.
 *
 * Checking before the send spares the agent a message that is queued and then fails; the check
 * has no safety margin, because refusing a send Meta would accept is worse than the rare
 * 131047 for a message queued in the last seconds (that one still fails with an explanation).
 */

export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ServiceWindow {
  open: boolean;
  /** When the window closes (or closed); null when the customer never wrote. */
  closesAt: Date | null;
  /** 0 once closed. */
  remainingMs: number;
}

export function serviceWindow(lastInboundAt: Date | null, now: Date): ServiceWindow {
  if (lastInboundAt === null) return { open: false, closesAt: null, remainingMs: 0 };
  const closesAt = new Date(lastInboundAt.getTime() + SERVICE_WINDOW_MS);
  const remainingMs = Math.max(0, closesAt.getTime() - now.getTime());
  return { open: remainingMs > 0, closesAt, remainingMs };
}

export interface ServiceWindowRefusal {
  reason: 'window-closed' | 'customer-never-wrote';
  /** i18n key (locales/<lang>/service-window.json). */
  key: 'serviceWindow.closed' | 'serviceWindow.customerNeverWrote';
  /** `closedAt` as an ISO 8601 string when the window existed. */
  params: { closedAt?: string };
  /** An approved template is still allowed: the UI should offer one. */
  offerTemplate: true;
}

export type FreeFormCheck = { allowed: true; window: ServiceWindow } | { allowed: false; refusal: ServiceWindowRefusal };

/** Whether a free-form (non-template) message may be sent now. */
export function assertFreeFormAllowed(lastInboundAt: Date | null, now: Date): FreeFormCheck {
  const window = serviceWindow(lastInboundAt, now);
  if (window.open) return { allowed: true, window };
  if (window.closesAt === null) {
    return { allowed: false, refusal: { reason: 'customer-never-wrote', key: 'serviceWindow.customerNeverWrote', params: {}, offerTemplate: true } };
  }
  return {
    allowed: false,
    refusal: { reason: 'window-closed', key: 'serviceWindow.closed', params: { closedAt: window.closesAt.toISOString() }, offerTemplate: true },
  };
}
