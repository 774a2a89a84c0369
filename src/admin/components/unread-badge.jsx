import React, { useEffect, useState } from 'react';
import { Navigation } from '@adminjs/design-system';
import { useNavigationResources, useTranslation } from 'adminjs';
import { liveStreamAvailable, subscribe } from './live-connection.js';
import { useLanguagePreference } from './language-preference.js';

const CONVERSATIONS = 'whatsapp_conversations';

// The server decides what this admin may count, sends `unread` on connect and after every change,
// and reconnects by itself; a refused stream (no inbox permission any more) just shows no count.
const useUnreadCount = (enabled) => {
  const [count, setCount] = useState(null);
  useEffect(() => {
    if (!enabled || !liveStreamAvailable()) return undefined;
    return subscribe({
      unread: (event) => {
        const next = JSON.parse(event.data).count;
        if (Number.isInteger(next)) setCount(next);
      },
      error: ({ closed }) => {
        if (closed) setCount(null);
      },
    });
  }, [enabled]);
  return count;
};

// AdminJS's resource navigation, with the unread count beside the Conversations link (and on
// its group while the group is folded). Navigation labels are plain text, so the count is part
// of the label, worded by the translators.
const UnreadBadge = ({ resources }) => {
  // Mounted on every page, so the language choice and the page direction are kept here too.
  useLanguagePreference();
  const elements = useNavigationResources(resources);
  const { translateLabel, translateMessage } = useTranslation();
  const listed = resources.some((resource) => resource.id === CONVERSATIONS && resource.href);
  const count = useUnreadCount(listed);

  const counted = (label) => translateMessage('live.withUnreadCount', CONVERSATIONS, { label, count });
  const shown = !count
    ? elements
    : elements.map((element) => {
        if (element.id === CONVERSATIONS) return { ...element, label: counted(element.label) };
        if (!element.elements?.some((child) => child.id === CONVERSATIONS)) return element;
        return {
          ...element,
          label: element.isOpen ? element.label : counted(element.label),
          elements: element.elements.map((child) => (child.id === CONVERSATIONS ? { ...child, label: counted(child.label) } : child)),
        };
      });
  return <Navigation label={translateLabel('navigation')} elements={shown} />;
};

export default UnreadBadge;
