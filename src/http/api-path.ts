/**
 * Where the REST API is served under the back office's root path. It authenticates by bearer
 * token only and never reads the session, so a browser's cookies open nothing there: the
 * same-origin check that protects session-bound changes does not apply to it.
 */
export const API_PATH = '/api/whatsapp/v1';

export function isApiPath(path: string): boolean {
  return path === API_PATH || path.startsWith(`${API_PATH}/`);
}
