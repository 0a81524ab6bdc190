import type { Database } from '@pqe/catalog';

type Schema = Record<string, unknown>;

/** The properties every item has, as the filter extension names them. */
const CORE: Record<string, Schema> = {
  id: { title: 'Item ID', description: 'Item identifier', type: 'string' },
  collection: { title: 'Collection', description: 'Collection of the item', type: 'string' },
  geometry: { title: 'Footprint', description: 'The item footprint', $ref: 'https://geojson.org/schema/Geometry.json' },
  datetime: { title: 'Acquired', description: 'Datetime of the item (its interval when it has only start and end)', type: 'string', format: 'date-time' },
  start_datetime: { title: 'Start', type: 'string', format: 'date-time' },
  end_datetime: { title: 'End', type: 'string', format: 'date-time' },
};

const JSON_TYPE_TO_SCHEMA: Record<string, string> = { string: 'string', number: 'number', boolean: 'boolean', array: 'array', object: 'object' };

/**
 * Queryables as JSON Schema: the core properties, then those derived from a sample of the items (with the JSON
 * type found there), then the configured ones (pqe.queryables), which win. Without a collection, every
 * collection's configured queryables that apply to all collections.
 */
export async function queryablesSchema(db: Database, id: string, collection: string | undefined, signal: AbortSignal): Promise<Schema> {
  const properties: Record<string, Schema> = { ...CORE };
  if (collection !== undefined) {
    const { rows } = await db.query<{ key: string; type: string }>(
      `SELECT e.key, min(jsonb_typeof(e.value)) AS type
         FROM (SELECT content->'properties' AS p FROM pqe.items WHERE collection = $1 LIMIT 200) AS s,
              LATERAL jsonb_each(s.p) AS e
        WHERE jsonb_typeof(e.value) <> 'null'
        GROUP BY e.key ORDER BY e.key`,
      [collection],
      { signal },
    );
    for (const row of rows) {
      if (properties[row.key] !== undefined) continue;
      const type = JSON_TYPE_TO_SCHEMA[row.type];
      properties[row.key] = type === 'string' && /datetime$/.test(row.key) ? { type, format: 'date-time' } : type === undefined ? {} : { type };
    }
  }
  const { rows: configured } = await db.query<{ name: string; definition: Schema }>(
    collection === undefined
      ? 'SELECT name, definition FROM pqe.queryables WHERE collection_ids IS NULL ORDER BY name'
      : 'SELECT name, definition FROM pqe.queryables WHERE collection_ids IS NULL OR $1 = ANY(collection_ids) ORDER BY name',
    collection === undefined ? [] : [collection],
    { signal },
  );
  for (const row of configured) properties[row.name] = row.definition;
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: id,
    type: 'object',
    title: collection === undefined ? 'Queryables' : `Queryables of ${collection}`,
    properties,
    additionalProperties: true,
  };
}

/** GET /functions: the functions a filter may call, as the CQL2 standard describes them. */
export const cql2Functions = {
  functions: [
    { name: 'casei', description: 'The string in lower case, for case-insensitive comparisons', arguments: [{ type: ['string'] }], returns: ['string'] },
    {
      name: 'accenti',
      description: 'The string without accents (Latin letters), for accent-insensitive comparisons',
      arguments: [{ type: ['string'] }],
      returns: ['string'],
    },
  ],
};
