import { useTranslation, type TranslateFunction } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { languageOf } from './message-format.ts';

type TranslateOptions = Parameters<TranslateFunction>[2];

export interface ConversationText {
  tm: (key: string, options?: TranslateOptions) => string;
  language: string | undefined;
}

/** The conversation view's texts (locales/<lang>/conversation-view.json, looked up under the conversations resource) and the admin's language. */
export const useConversationText = (): ConversationText => {
  const { translateMessage, i18n } = useTranslation();
  return {
    tm: (key, options) => translateMessage(key, RESOURCE_IDS.conversations, options),
    language: languageOf(i18n),
  };
};
