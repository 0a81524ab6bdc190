// GDAL's private TIFF tags: GDAL_NODATA (42113, the nodata value as text) and GDAL_METADATA (42112, XML items
// per band: DESCRIPTION, SCALE, OFFSET with their roles), as GDAL writes and reads them.
import { AppError } from '@pqe/common';
import type { SampleType } from '../types.js';
import { sampleRange } from './sample-arrays.js';
import { isFloat } from './tiff-constants.js';

export interface BandMetadata {
  description?: string | undefined;
  scale?: number | undefined;
  offset?: number | undefined;
}

/** Longest band description we accept: GDAL has no limit, but a hostile caller should not fill a tile with text. */
const maxDescriptionLength = 1000;

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => xmlEntities[c] ?? c);
}

export function gdalMetadataXml(bands: readonly BandMetadata[]): string | undefined {
  const items: string[] = [];
  bands.forEach((band, sample) => {
    if (band.offset !== undefined) items.push(`  <Item name="OFFSET" sample="${sample}" role="offset">${band.offset}</Item>`);
    if (band.scale !== undefined) items.push(`  <Item name="SCALE" sample="${sample}" role="scale">${band.scale}</Item>`);
    if (band.description !== undefined && band.description !== '') {
      // GDAL escapes item values before building the XML tree, which escapes them again, and unescapes twice on
      // reading: "&" is stored as "&amp;amp;".
      items.push(`  <Item name="DESCRIPTION" sample="${sample}" role="description">${escapeXml(escapeXml(band.description))}</Item>`);
    }
  });
  if (items.length === 0) return undefined;
  return `<GDALMetadata>\n${items.join('\n')}\n</GDALMetadata>\n`;
}

export function checkBandMetadata(band: BandMetadata, index: number): void {
  for (const key of ['scale', 'offset'] as const) {
    const v = band[key];
    if (v !== undefined && !Number.isFinite(v)) throw new AppError('InvalidParameter', `The ${key} of band ${index + 1} must be a finite number.`);
  }
  const d = band.description;
  if (d !== undefined && (d.length > maxDescriptionLength || /[^\x20-\x7e]/.test(d))) {
    throw new AppError('InvalidParameter', `The description of band ${index + 1} must be printable ASCII of at most ${maxDescriptionLength} characters.`);
  }
}

/** The nodata value as GDAL_NODATA text; refuses values the sample type cannot hold. */
export function gdalNodataText(nodata: number, type: SampleType): string {
  if (isFloat(type)) {
    if (Number.isNaN(nodata)) return 'nan';
    if (nodata === Number.POSITIVE_INFINITY) return 'inf';
    if (nodata === Number.NEGATIVE_INFINITY) return '-inf';
    return String(nodata);
  }
  const [min, max] = sampleRange[type];
  if (!Number.isInteger(nodata) || nodata < min || nodata > max) {
    throw new AppError('InvalidParameter', `The nodata value ${nodata} cannot be held by ${type} samples (integers from ${min} to ${max}).`);
  }
  return String(nodata);
}
