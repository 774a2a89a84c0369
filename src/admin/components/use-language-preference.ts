import { useEffect } from 'react';
import { useSelector } from 'react-redux';
import { useTranslation, type ReduxState } from 'adminjs';
import { directionOf } from '../../i18n/text-direction.ts';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { formData, recordAction } from './action-client.ts';

const applyDirection = (language: string) => {
  document.documentElement.lang = language;
  // AdminJS's layout follows as far as its styles allow, the plugin's components fully (they use logical CSS properties).
  document.documentElement.dir = directionOf(language);
};

/**
 * AdminJS's language menu only switches the current page; this keeps the choice in the admin's
 * profile (the server then renders every page in it) and sets the page direction.
 */
export const useLanguagePreference = (): void => {
  const { i18n } = useTranslation();
  const adminId = useSelector((state: ReduxState) => state.session?.id);
  useEffect(() => {
    applyDirection(i18n.language);
    const changed = (language: string) => {
      applyDirection(language);
      if (!adminId) return;
      const data = formData({ language });
      recordAction({ resourceId: RESOURCE_IDS.agents, recordId: String(adminId), actionName: 'language', method: 'post', data }).catch(() => undefined);
    };
    i18n.on('languageChanged', changed);
    return () => i18n.off('languageChanged', changed);
  }, [i18n, adminId]);
};
