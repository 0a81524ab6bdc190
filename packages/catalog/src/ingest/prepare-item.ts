import type { CollectionInfo } from '../collections/collection-store.js';
import { dehydrate, type JsonObject } from '../stac/dehydrate.js';
import { checkItem, type ValidItem } from '../stac/validate-item.js';
import { copyField } from './copy-text.js';
import type { SourceRecord } from './read-records.js';
import { geometryToEwkbHex } from './wkb.js';

export interface Reject {
  file: string;
  line: number;
  id?: string;
  reason: string;
}

export interface PreparedRow {
  id: string;
  line: string;
  /** The parts of the line again, kept only for upsert, which compares them with the stored row. */
  parts?: { content: string; ewkb: string; datetime: string; endDatetime: string };
}

/** An item ready to write: where it came from, what the batch logic needs, and its COPY line. */
export interface PreparedItem {
  file: string;
  line: number;
  id: string;
  collection: string;
  datetime: string;
  datetimeMs: number;
  row: PreparedRow;
}

/** What became of one record: an item to write or a reject. Plain data, so that it can cross to another thread. */
export type Prepared = { item: PreparedItem; reject?: undefined } | { item?: undefined; reject: Reject };

/** How records are prepared: the same for the whole load. */
export interface PrepareSettings {
  /** The collection of items that do not name one. */
  defaultCollection?: string | undefined;
  /** Keep the parts of each row (upsert compares them with the stored rows). */
  keepParts: boolean;
}

/** A JSON escape of U+0000 (an odd number of backslashes before u0000): jsonb cannot hold it. */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/** JSON text as a COPY field: JSON.stringify never writes a raw tab, newline or CR, so only backslashes need escaping. */
const copyJson = (json: string) => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);

/** The item as a COPY line, dehydrated against its collection; undefined when PostgreSQL could not store it. */
function prepareRow(item: ValidItem, info: CollectionInfo, keepParts: boolean): PreparedRow | undefined {
  const { id: _id, collection: _collection, geometry: _geometry, ...rest } = item.item;
  const content = JSON.stringify(dehydrate(rest as JsonObject, info.baseItem));
  if ((content.includes('\\u0000') && ESCAPED_NUL.test(content)) || item.id.includes('\0')) return undefined;
  const ewkb = geometryToEwkbHex(item.geometry);
  const line = `${copyField(item.collection)}\t${copyField(item.id)}\t${ewkb}\t${item.datetime}\t${item.endDatetime}\t${copyJson(content)}\n`;
  return keepParts ? { id: item.id, line, parts: { content, ewkb, datetime: item.datetime, endDatetime: item.endDatetime } } : { id: item.id, line };
}

/** The first step of preparing a record: a reject, or a valid item whose collection is needed next. */
export function checkRecord(record: SourceRecord, settings: PrepareSettings): { reject: Reject; item?: undefined } | { item: ValidItem; reject?: undefined } {
  const { file, line } = record;
  if (record.error !== undefined) return { reject: { file, line, reason: record.error } };
  const check = checkItem(record.value, settings.defaultCollection);
  if (!check.ok) return { reject: { file, line, reason: check.reason, ...(check.id === undefined ? {} : { id: check.id }) } };
  return { item: check.value };
}

/** The second step: the item's COPY line, given its collection (undefined when the catalog does not have it). */
export function prepareItem(record: SourceRecord, item: ValidItem, info: CollectionInfo | undefined, settings: PrepareSettings): Prepared {
  const { file, line } = record;
  if (info === undefined) {
    const reason = `unknown collection ${JSON.stringify(item.collection)}: load the collection first (pqe load collections FILE)`;
    return { reject: { file, line, id: item.id, reason } };
  }
  const row = prepareRow(item, info, settings.keepParts);
  if (row === undefined) return { reject: { file, line, id: item.id, reason: 'contains a NUL character (\\u0000), which PostgreSQL cannot store' } };
  return { item: { file, line, id: item.id, collection: item.collection, datetime: item.datetime, datetimeMs: item.datetimeMs, row } };
}
