// Which files the tiler may read. Users give any `url`; without a policy the server would read any file it can
// open and fetch any address it can reach (cloud metadata endpoints, internal services). The source layer of
// @pqe/raster enforces the policy (403 outside it); this module derives it from the configuration.
import { resolve } from 'node:path';
import type { Config } from '@pqe/common';
import { HttpClient, type SourceOptions } from '@pqe/raster';

export type SourcePolicyConfig = Pick<Config, 'localRoots' | 'allowedHosts' | 'dataDir' | 'databaseUrl'>;

/**
 * The folders whose files may be read: PQE_LOCAL_ROOTS when set; otherwise, with the embedded database, its data
 * dir (where `pqe demo` writes its COGs); otherwise none. Relative folders are resolved against the working
 * directory now, once.
 */
export function localRoots(config: SourcePolicyConfig): string[] {
  if (config.localRoots.length > 0) return config.localRoots.map((root) => resolve(root));
  return config.databaseUrl === undefined ? [resolve(config.dataDir)] : [];
}

/** The source options of the data API: local roots, allowed hosts, and one http client shared by every request. */
export function sourceOptions(config: SourcePolicyConfig, httpClient: HttpClient = new HttpClient()): SourceOptions {
  return { localRoots: localRoots(config), allowedHosts: config.allowedHosts, httpClient };
}
