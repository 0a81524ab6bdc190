const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 date-time (as STAC requires) to epoch milliseconds, or undefined when it is not one or
 * names a day that does not exist.
 */
export function parseRfc3339(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC3339.exec(value);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  // Date.parse knows no leap second: 23:59:60 is read as the instant after 23:59:59, as PostgreSQL reads it.
  const leap = second === 60;
  const text = value.replace(' ', 'T').replace(/\.(\d{3})\d+/, '.$1');
  const ms = Date.parse(leap ? text.replace(/:60(?=[.Zz+-])/, ':59') : text);
  if (Number.isNaN(ms)) return undefined;
  return leap ? ms + 1000 : ms;
}

/** PostgreSQL's timestamptz text in UTC ("2019-11-18 00:00:00+00", maybe with fractions) as RFC 3339. */
export function pgTimestampToIso(value: string): string {
  const m = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)\+00$/.exec(value);
  if (m !== null) return `${m[1]}T${m[2]}Z`;
  return new Date(value).toISOString();
}
