/** Where AdminJS is mounted in the host (its rootPath), as the page was rendered with it. */
export const rootPath = (): string => window.REDUX_STATE?.paths.rootPath ?? '/admin';

/** The permission-checked route that serves a message's stored file. */
export const mediaUrl = (messageId: string): string => `${rootPath()}/whatsapp/media/${encodeURIComponent(messageId)}`;
