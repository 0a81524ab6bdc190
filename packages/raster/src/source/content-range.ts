/** A parsed Content-Range header (RFC 9110 §14.4): the bytes sent, and the full size when the server says it. */
export interface ContentRange {
  /** First and last byte sent, inclusive; undefined for an unsatisfied range (`bytes *\/size`). */
  first: number | undefined;
  last: number | undefined;
  size: number | undefined;
}

export function parseContentRange(header: string | undefined): ContentRange | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bytes\s+(?:(\d{1,16})-(\d{1,16})|\*)\/(\d{1,16}|\*)\s*$/i.exec(header);
  if (match === null) return undefined;
  const [, first, last, size] = match;
  const range: ContentRange = {
    first: first === undefined ? undefined : Number(first),
    last: last === undefined ? undefined : Number(last),
    size: size === undefined || size === '*' ? undefined : Number(size),
  };
  if (range.first !== undefined && range.last !== undefined && range.last < range.first) return undefined;
  return range;
}
