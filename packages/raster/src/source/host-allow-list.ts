// Which remote hosts a source may read from. The tiler takes URLs from its users, so without a list it would
// fetch anything the server can reach (cloud metadata endpoints, internal services).

/**
 * True when `hostname` matches one of `patterns`: `*` (any host), `*.example.com` (any subdomain of
 * example.com, not example.com itself) or an exact hostname. Case does not matter.
 */
export function isHostAllowed(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return false;
  for (const raw of patterns) {
    const pattern = raw.trim().toLowerCase();
    if (pattern === '*') return true;
    if (pattern.startsWith('*.')) {
      const suffix = pattern.slice(1);
      if (host.length > suffix.length && host.endsWith(suffix)) return true;
    } else if (pattern !== '' && host === pattern) {
      return true;
    }
  }
  return false;
}
