/** Where AdminJS is mounted in the host (its rootPath), as the page was rendered with it. */
export const rootPath = (): string => window.REDUX_STATE?.paths.rootPath ?? '/admin';

/** The permission-checked route that serves a message's stored file. */
export const mediaUrl = (messageId: string): string => `${rootPath()}/whatsapp/media/${encodeURIComponent(messageId)}`;

/** One table of the reports as CSV, for the filters shown. */
export const reportCsvUrl = (table: string, query: Readonly<Record<string, string | undefined>>): string => {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return `${rootPath()}/whatsapp/reports/${encodeURIComponent(table)}.csv?${params.toString()}`;
};
