/**
 * The 1-based line on which each element of a JSON document's item array starts: the root array, or the
 * `features` array of a root FeatureCollection object. Lets load errors name a line in pretty-printed files.
 * The text is assumed to be valid JSON (it has been parsed already).
 */
export function jsonElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let targetDepth = -1; // depth of the array whose elements we report
  let expectValue = false;
  let lastKeyAtRoot: string | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (depth === targetDepth && expectValue && c !== 93 /* ] */) {
      lines.push(line);
      expectValue = false;
    }
    if (c === 34 /* " */) {
      const start = i + 1;
      i++;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 92) i += 2;
        else if (s === 34) break;
        else i++;
      }
      // At the root object's level, the last string before a '[' is always that array's key.
      if (depth === 1 && targetDepth === -1) lastKeyAtRoot = text.slice(start, i);
      i++;
      continue;
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (c === 91 && targetDepth === -1 && (depth === 1 || (depth === 2 && lastKeyAtRoot === 'features'))) {
        targetDepth = depth;
        expectValue = true;
      }
    } else if (c === 93 || c === 125) {
      if (depth === targetDepth) targetDepth = -2; // done: later arrays are not items
      depth--;
    } else if (c === 44 /* , */ && depth === targetDepth) {
      expectValue = true;
    }
    i++;
  }
  return lines;
}
