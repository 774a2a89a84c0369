import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { StatusPill } from './status-pill.ts';
import { intentLabel } from './intent-label.ts';
import { useConversationText } from './use-conversation-text.ts';

/** A conversation's intent in the lists, in the admin's language (a host's own intents keep their name). */
const IntentCell = ({ record, property }: BasePropertyProps) => {
  const { tm } = useConversationText();
  const intent = record?.params?.[property.path] as unknown;
  return typeof intent === 'string' && intent ? <StatusPill $tone="intent">{intentLabel(intent, tm)}</StatusPill> : null;
};

export default IntentCell;
