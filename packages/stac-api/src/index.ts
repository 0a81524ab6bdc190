export { stacBaseUrl } from './links.js';
export { openApiHtml, stacOpenApi } from './openapi.js';
export { collectionParams, itemParams, itemsQuerySchema, searchBodySchema, searchQuerySchema } from './route-schemas.js';
export { conformanceClasses, STAC_VERSION, type StacApiDeps, stacApi } from './stac-api.js';
