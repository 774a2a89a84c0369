import type { useConversationText } from './use-conversation-text.ts';

type Translate = ReturnType<typeof useConversationText>['tm'];

/** Intents are routing names (school, company…); a host's own rules may add names without a translation. */
export const intentLabel = (intent: string, tm: Translate): string => tm(`intents.${intent}`, { defaultValue: intent });
