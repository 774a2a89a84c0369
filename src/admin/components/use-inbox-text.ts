import { useTranslation, type TranslateFunction } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { languageOf } from './message-format.ts';

type TranslateOptions = Parameters<TranslateFunction>[2];

/** The Inbox page's texts (locales/<lang>/inbox-page.json, labels.json, saved-views.json…) and the admin's language. */
export const useInboxText = (): { tm: (key: string, options?: TranslateOptions) => string; language: string | undefined } => {
  const { translateMessage, i18n } = useTranslation();
  return {
    tm: (key, options) => translateMessage(key, RESOURCE_IDS.conversations, options),
    language: languageOf(i18n),
  };
};
