// Cache keys name a file, not a way of reaching it: the query parameters of a shared access signature change
// each time an asset is signed, and must not split the caches (nor be kept in them).

const SAS_PARAMETERS = new Set([
  'sv',
  'ss',
  'srt',
  'sp',
  'se',
  'st',
  'spr',
  'sig',
  'sr',
  'si',
  'sdd',
  'skoid',
  'sktid',
  'skt',
  'ske',
  'sks',
  'skv',
  'saoid',
  'suoid',
  'scid',
  'ses',
]);

/** The location without SAS token parameters (other query parameters may select content, and stay). */
export function sourceCacheKey(location: string): string {
  if (!location.startsWith('http://') && !location.startsWith('https://')) return location;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return location;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SAS_PARAMETERS.has(name.toLowerCase())) url.searchParams.delete(name);
  }
  url.hash = '';
  return url.href;
}
