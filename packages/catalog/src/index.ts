export {
  type CollectionInfo,
  type CollectionWrite,
  collectionHasItems,
  getCollectionInfos,
  type PartitionTrunc,
  type WriteMethod,
  writeCollection,
} from './collections/collection-store.js';
export { refreshCollectionExtent } from './collections/extents.js';
export * from './cql2/index.js';
export { acquireDataDirLock, type DataDirLock, LOCK_FILE } from './database/data-dir-lock.js';
export { copyStatement, type Database, type DatabaseKind, type PoolStats, type Queryable, type QueryOptions, type QueryResult } from './database/database.js';
export { mapDatabaseError, SqlState, sqlStateOf } from './database/database-errors.js';
export { type OpenDatabaseOptions, openDatabase } from './database/open-database.js';
export { describePgUrl, PgDatabase, type PgDatabaseOptions } from './database/pg-database.js';
export { PgliteDatabase, type PgliteDatabaseOptions } from './database/pglite-database.js';
export { type DemoAssetHref, type DemoAssetRef, placeholderHref } from './demo/demo-assets.js';
export { type DemoCatalog, type DemoCatalogOptions, generateDemoCatalog } from './demo/demo-catalog.js';
export { type CollectionsSummary, type LoadCollectionsOptions, loadCollections } from './ingest/load-collections.js';
export {
  defaultLoadWorkers,
  type LoadItemFilesOptions,
  type LoadItemsOptions,
  type LoadMethod,
  type LoadProgress,
  type LoadSummary,
  loadItemFiles,
  loadItems,
  loadMethods,
  type Reject,
} from './ingest/load-items.js';
export { openInput, readRecords, type SourceRecord } from './ingest/read-records.js';
export { geometryToEwkbHex } from './ingest/wkb.js';
export { getItem, hydrateItem, ITEM_ROW_COLUMNS, type ItemRow } from './items/read-items.js';
export { listMigrations, type Migration, type MigrationStatus, migrate, migrationStatus } from './migrations/migrate.js';
export {
  type ConfiguredQueryable,
  listConfiguredQueryables,
  type QueryableSetting,
  type QueryableType,
  queryableTypes,
  removeQueryable,
  setQueryable,
  syncQueryableIndexes,
} from './queryables/queryable-store.js';
export {
  type CollectionConfig,
  collectionConfigSchema,
  getCollectionConfig,
  loadRenderConfigs,
  type MosaicInfo,
  mosaicInfoSchema,
  type RenderConfig,
  type RenderConfigLoadSummary,
  renderConfigSchema,
} from './render-configs/render-config.js';
export { compileCount, compileSearch, DEFAULT_SORT, fullSort } from './search/compile-search.js';
export { ALWAYS_INCLUDED, applyFields } from './search/fields.js';
export { type Cursor, decodeToken, encodeToken } from './search/paging-token.js';
export { propertyPath, propertySql } from './search/property-sql.js';
export { type SearchOptions, type SearchPage, searchItems } from './search/search-items.js';
export { parseBbox, parseDatetime, parseFields, parseIntersects, parseLimit, parseQuery, parseSortby } from './search/search-params.js';
export {
  type DatetimeInterval,
  type FieldsSpec,
  type QueryConditions,
  type QueryOperator,
  queryOperators,
  type SearchRequest,
  type SortDirection,
  type SortKey,
} from './search/search-request.js';
export { parseRfc3339, pgTimestampToIso } from './stac/datetime.js';
export { ABSENT, deepEqual, dehydrate, hydrate, type Json, type JsonObject } from './stac/dehydrate.js';
export { type Geometry, geometryProblem } from './stac/geojson.js';
export { baseItemOf, type CollectionCheck, checkCollection, checkItem, type ItemCheck, type ValidItem } from './stac/validate-item.js';
