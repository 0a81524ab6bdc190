import { z } from 'zod';
import type { Database } from '../database/database.js';
import type { Reject } from '../ingest/load-items.js';

const zoom = z.number().int().min(0).max(30);

/** A vector tileset of a collection (camelCase keys, as the Planetary Computer's config has them). */
const vectorTilesetSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  maxzoom: zoom.default(13),
  minzoom: zoom.default(0),
  center: z.array(z.number()).nullish(),
  bounds: z.array(z.number()).nullish(),
});

/** The default rendering of a collection: titiler parameters plus what the STAC and tiler services do with them. */
export const renderConfigSchema = z.looseObject({
  render_params: z.record(z.string(), z.unknown()),
  minzoom: zoom,
  assets: z.array(z.string().min(1)).nullish(),
  maxzoom: zoom.default(18),
  create_links: z.boolean().default(true),
  has_mosaic: z.boolean().default(false),
  mosaic_preview_zoom: zoom.nullish(),
  mosaic_preview_coords: z.tuple([z.number(), z.number()]).nullish(),
  requires_token: z.boolean().default(false),
  max_items_per_tile: z.number().int().positive().nullish(),
  vector_tilesets: z.array(vectorTilesetSchema).nullish(),
  hidden: z.boolean().default(false),
});

const legendSchema = z.looseObject({
  type: z.enum(['continuous', 'classmap', 'interval', 'none']).nullish(),
  labels: z.array(z.string()).nullish(),
  trimStart: z.number().int().nullish(),
  trimEnd: z.number().int().nullish(),
  scaleFactor: z.number().nullish(),
});

/** What the explorer offers for a collection: named mosaics, render options, a default view. */
export const mosaicInfoSchema = z.looseObject({
  mosaics: z.array(z.looseObject({ name: z.string(), description: z.string().nullish(), cql: z.array(z.unknown()) })),
  renderOptions: z
    .array(
      z.looseObject({
        name: z.string(),
        description: z.string().nullish(),
        type: z.enum(['raster-tile', 'vt-polygon', 'vt-line']).default('raster-tile'),
        options: z.string(),
        minZoom: zoom,
        legend: legendSchema.nullish(),
        conditions: z.array(z.looseObject({ property: z.string(), value: z.unknown() })).nullish(),
      }),
    )
    .nullish(),
  defaultLocation: z.looseObject({ zoom: z.number(), coordinates: z.tuple([z.number(), z.number()]) }),
  defaultCustomQuery: z.record(z.string(), z.unknown()).nullish(),
  animationHint: z.record(z.string(), z.unknown()).nullish(),
});

export const collectionConfigSchema = z.looseObject({
  render_config: renderConfigSchema,
  mosaic_info: mosaicInfoSchema.nullish(),
  /** JSON Schema of the collection's queryables; its properties are loaded as configured queryables. */
  queryables: z.looseObject({ properties: z.record(z.string(), z.record(z.string(), z.unknown())) }).nullish(),
});

export type RenderConfig = z.output<typeof renderConfigSchema>;
export type MosaicInfo = z.output<typeof mosaicInfoSchema>;
export type CollectionConfig = z.output<typeof collectionConfigSchema>;

export interface RenderConfigLoadSummary {
  loaded: string[];
  queryables: number;
  rejected: number;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * Loads collection configs from a document keyed by collection id (the shape of the Planetary Computer's
 * collection_config.json). Invalid entries are rejected with the reason; the valid ones land together.
 */
export async function loadRenderConfigs(
  db: Database,
  document: unknown,
  options: { file: string; signal?: AbortSignal; onReject?: (reject: Reject) => void },
): Promise<RenderConfigLoadSummary> {
  const summary: RenderConfigLoadSummary = { loaded: [], queryables: 0, rejected: 0 };
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    summary.rejected++;
    options.onReject?.({ file: options.file, line: 1, reason: 'expected a JSON object keyed by collection id' });
    return summary;
  }
  const valid: [string, CollectionConfig][] = [];
  for (const [id, value] of Object.entries(document)) {
    const parsed = collectionConfigSchema.safeParse(value);
    if (parsed.success) valid.push([id, parsed.data]);
    else {
      summary.rejected++;
      options.onReject?.({ file: options.file, line: 1, id, reason: describeIssues(parsed.error) });
    }
  }
  await db.transaction(
    async (tx) => {
      for (const [id, config] of valid) {
        await tx.query(
          `INSERT INTO pqe.collection_configs (collection_id, render_config, mosaic_info) VALUES ($1, $2::text::jsonb, $3::text::jsonb)
           ON CONFLICT (collection_id) DO UPDATE SET render_config = EXCLUDED.render_config, mosaic_info = EXCLUDED.mosaic_info, updated_at = now()`,
          [id, JSON.stringify(config.render_config), config.mosaic_info == null ? null : JSON.stringify(config.mosaic_info)],
        );
        for (const [name, definition] of Object.entries(config.queryables?.properties ?? {})) {
          await tx.query(
            `INSERT INTO pqe.queryables (name, collection_ids, definition) VALUES ($1, ARRAY[$2::text], $3::text::jsonb)
             ON CONFLICT ON CONSTRAINT queryables_name_unique DO UPDATE SET definition = EXCLUDED.definition`,
            [name, id, JSON.stringify(definition)],
          );
          summary.queryables++;
        }
        summary.loaded.push(id);
      }
    },
    options.signal === undefined ? {} : { signal: options.signal },
  );
  return summary;
}

export async function getCollectionConfig(db: Pick<Database, 'query'>, collectionId: string, signal?: AbortSignal): Promise<CollectionConfig | undefined> {
  const { rows } = await db.query<{ render_config: RenderConfig; mosaic_info: MosaicInfo | null }>(
    'SELECT render_config, mosaic_info FROM pqe.collection_configs WHERE collection_id = $1',
    [collectionId],
    { signal },
  );
  const row = rows[0];
  return row === undefined ? undefined : { render_config: row.render_config, mosaic_info: row.mosaic_info };
}
