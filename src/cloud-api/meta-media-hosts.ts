/**
 * The hosts Meta serves media files from. Media URLs come from outside (a webhook payload, an
 * API answer) and are fetched with the account's token, so every hop, redirects included, must
 * be the Graph API's own origin or https to one of these (SSRF, token leak; reference §6).
 * `*.example.net` matches subdomains only. An entry may end in `:port`; without one only the
 * default https port is allowed.
 */
export const META_MEDIA_HOSTS: readonly string[] = ['graph.facebook.com', 'lookaside.fbsbx.com', '*.fbcdn.net', '*.whatsapp.net'];

export function isAllowedMediaHost(url: URL, allowedHosts: readonly string[] = META_MEDIA_HOSTS): boolean {
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((entry) => {
    const { hostPattern, port } = splitEntry(entry.toLowerCase());
    if (url.port !== port) return false;
    if (hostPattern.startsWith('*.')) return host.endsWith(hostPattern.slice(1)) && host.length > hostPattern.length - 1;
    return host === hostPattern;
  });
}

/** Where the token may go: the Graph API's own origin, or https to one of Meta's media hosts. */
export function mayCarryToken(url: URL, graphOrigin: string): boolean {
  return url.origin === graphOrigin || (url.protocol === 'https:' && isAllowedMediaHost(url));
}

function splitEntry(entry: string): { hostPattern: string; port: string } {
  const match = /^(.*):(\d+)$/.exec(entry);
  return match ? { hostPattern: match[1]!, port: match[2] === '443' ? '' : match[2]! } : { hostPattern: entry, port: '' };
}
