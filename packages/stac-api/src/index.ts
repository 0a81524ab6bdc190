export { stacBaseUrl } from './links.js';
export { conformanceClasses, STAC_VERSION, stacApi, type StacApiDeps } from './stac-api.js';
