import type { NoticeMessage } from 'adminjs';
import { Refusal } from '../domain/refusal.js';

/** A refused request as a translated error notice; anything else is a real failure and goes on. */
export function refusalNotice(error: unknown): NoticeMessage {
  if (error instanceof Refusal) return { message: error.key, type: 'error', options: error.params };
  throw error;
}
