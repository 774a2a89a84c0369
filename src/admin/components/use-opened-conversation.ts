import { useCallback, useState } from 'react';

interface Opened {
  conversationId: string | null;
  /** A search hit: the message the thread opens at. */
  messageId: string | null;
}

const fromAddress = (): Opened => {
  const query = new URLSearchParams(window.location.search);
  return { conversationId: query.get('conversation'), messageId: query.get('message') };
};

/** The conversation open in the thread, kept in the page's address: a reload, or a link sent to a colleague, opens it again. */
export const useOpenedConversation = () => {
  const [opened, setOpened] = useState<Opened>(fromAddress);
  const open = useCallback((conversationId: string, messageId: string | null = null) => {
    setOpened({ conversationId, messageId });
    const url = new URL(window.location.href);
    url.searchParams.set('conversation', conversationId);
    if (messageId) url.searchParams.set('message', messageId);
    else url.searchParams.delete('message');
    window.history.replaceState(window.history.state, '', url);
  }, []);
  return { ...opened, open };
};
