import { useEffect } from 'react';
import { ApiClient, useTranslation } from 'adminjs';
import { useSelector } from 'react-redux';

const applyDirection = (language) => {
  document.documentElement.lang = language;
  // Arabic reads right to left: AdminJS's layout follows as far as its styles allow, the plugin's
  // components fully (they use logical CSS properties).
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
};

// AdminJS's language menu only switches the current page; this keeps the choice in the admin's
// profile (the server then renders every page in it) and sets the page direction. The agent's
// record carries the host's user id.
export const useLanguagePreference = () => {
  const { i18n } = useTranslation();
  const adminId = useSelector((state) => state.session?.id);
  useEffect(() => {
    applyDirection(i18n.language);
    const changed = (language) => {
      applyDirection(language);
      if (!adminId) return;
      const data = new FormData();
      data.set('language', language);
      new ApiClient()
        .recordAction({ resourceId: 'whatsapp_agents', recordId: String(adminId), actionName: 'language', method: 'post', data })
        .catch(() => undefined);
    };
    i18n.on('languageChanged', changed);
    return () => i18n.off('languageChanged', changed);
  }, [i18n, adminId]);
};
