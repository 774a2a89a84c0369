import { styled } from '@adminjs/design-system/styled-components';
import type { Theme } from '@adminjs/design-system';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';

type Tone = ConversationPanel['status'] | 'intent';

const TONES: Record<Tone, { background: keyof Theme['colors']; color: keyof Theme['colors'] }> = {
  open: { background: 'successLight', color: 'success' },
  pending: { background: 'warningLight', color: 'warning' },
  snoozed: { background: 'infoLight', color: 'info' },
  resolved: { background: 'grey20', color: 'grey80' },
  intent: { background: 'primary20', color: 'primary100' },
};

/** A conversation's status, or its intent, as a coloured label. */
export const StatusPill = styled.span<{ $tone: Tone }>`
  display: inline-block;
  padding: 1px 8px;
  border-radius: 10px;
  font-size: 12px;
  font-weight: 600;
  background: ${({ $tone, theme }) => theme.colors[TONES[$tone].background]};
  color: ${({ $tone, theme }) => theme.colors[TONES[$tone].color]};
`;
