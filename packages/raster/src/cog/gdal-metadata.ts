// GDAL's own TIFF tags: GDAL_METADATA (42112), an XML list of <Item> elements, and GDAL_NODATA (42113), the
// nodata value as text. The XML is small and regular, so a few bounded regular expressions read it without an
// XML library (and without entity expansion).

export const GDAL_METADATA_TAG = 42112;
export const GDAL_NODATA_TAG = 42113;

export interface BandMetadata {
  scale?: number;
  offset?: number;
  description?: string;
}

export interface GdalMetadata {
  /** Dataset items of the default domain, by name. */
  dataset: Record<string, string>;
  /** Per band (0-based sample index). */
  bands: Map<number, BandMetadata>;
}

const ITEM = /<Item\b([^>]*)>([^<]*)<\/Item>/g;
const ATTRIBUTE = /([A-Za-z_][\w.-]*)\s*=\s*"([^"]*)"/g;

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity === 'amp') return '&';
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

export function parseGdalMetadata(xml: string): GdalMetadata {
  const result: GdalMetadata = { dataset: {}, bands: new Map() };
  for (const item of xml.matchAll(ITEM)) {
    const attributes: Record<string, string> = {};
    for (const attribute of (item[1] ?? '').matchAll(ATTRIBUTE)) {
      attributes[attribute[1] ?? ''] = unescapeXml(attribute[2] ?? '');
    }
    // GDAL escapes item values before writing them into XML, which escapes them again: undo both, as GDAL does.
    const value = unescapeXml(unescapeXml(item[2] ?? ''));
    const { name, sample, role, domain } = attributes;
    if (domain !== undefined && domain !== '') continue;
    if (sample === undefined) {
      if (name !== undefined) result.dataset[name] = value;
      continue;
    }
    const band = Number(sample);
    if (!Number.isSafeInteger(band) || band < 0) continue;
    const entry = result.bands.get(band) ?? {};
    const number = Number(value.trim());
    if (role === 'scale' && value.trim() !== '' && Number.isFinite(number)) entry.scale = number;
    else if (role === 'offset' && value.trim() !== '' && Number.isFinite(number)) entry.offset = number;
    else if (role === 'description') entry.description = value;
    else continue;
    result.bands.set(band, entry);
  }
  return result;
}

/** The nodata value of GDAL_NODATA: a number, NaN for "nan", ±Infinity for "inf"; undefined if unreadable. */
export function parseGdalNodata(text: string): number | undefined {
  const trimmed = text.replace(/\0+$/, '').trim().toLowerCase();
  if (trimmed === '') return undefined;
  if (trimmed === 'nan' || trimmed === '-nan') return Number.NaN;
  if (trimmed === 'inf' || trimmed === '+inf' || trimmed === 'infinity') return Number.POSITIVE_INFINITY;
  if (trimmed === '-inf' || trimmed === '-infinity') return Number.NEGATIVE_INFINITY;
  const value = Number(trimmed);
  return Number.isNaN(value) ? undefined : value;
}
