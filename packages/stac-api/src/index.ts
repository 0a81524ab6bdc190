export { stacBaseUrl } from './links.js';
export { conformanceClasses, STAC_VERSION, type StacApiDeps, stacApi } from './stac-api.js';
