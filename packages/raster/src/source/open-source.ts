import { AppError } from '@pqe/common';
import type { Source } from '../types.js';
import { AzureTokenProvider, hasSasToken, isAzureBlobUrl, loadDefaultAzureCredential, type TokenCredential } from './azure-blob.js';
import { FileSource } from './file-source.js';
import { isHostAllowed } from './host-allow-list.js';
import { HttpClient } from './http-client.js';
import { type HeaderProvider, HttpSource } from './http-source.js';
import { resolveLocalFile } from './local-path.js';

export type SourceScheme = 'file' | 'http' | 'https';

export interface SourceOptions {
  /** Folders whose files may be read (symlinks resolved); none means no local file is readable. */
  localRoots?: readonly string[];
  /** Remote hosts that may be read: hostnames, `*.suffix`, or `*` for any; none means no remote file is readable. */
  allowedHosts?: readonly string[];
  /** Schemes that may be read; all three by default (the host list still applies to http and https). */
  allowedSchemes?: readonly SourceScheme[];
  /** The client shared by http(s) sources; one is made per call when absent, which loses keep-alive and coalescing. */
  httpClient?: HttpClient;
  /**
   * How to authenticate to Azure Blob Storage when a blob URL has no SAS token: a credential, or 'default' for
   * DefaultAzureCredential. Absent: such URLs are read anonymously (public containers).
   */
  azureCredential?: TokenCredential | 'default';
  /** Shared token providers per credential (keeps tokens between sources); made per call when absent. */
  azureTokens?: AzureTokens;
}

/** Keeps one token provider per credential, DefaultAzureCredential made on first use. */
export class AzureTokens {
  #default: Promise<AzureTokenProvider> | undefined;
  readonly #providers = new WeakMap<TokenCredential, AzureTokenProvider>();

  providerFor(credential: TokenCredential | 'default'): Promise<AzureTokenProvider> {
    if (credential === 'default') {
      this.#default ??= loadDefaultAzureCredential().then((c) => new AzureTokenProvider(c));
      return this.#default;
    }
    let provider = this.#providers.get(credential);
    if (provider === undefined) {
      provider = new AzureTokenProvider(credential);
      this.#providers.set(credential, provider);
    }
    return Promise.resolve(provider);
  }
}

const DEFAULT_SCHEMES: readonly SourceScheme[] = ['file', 'http', 'https'];
const HOSTS_SETTING = 'the --allowed-host option or the PQE_ALLOWED_HOSTS setting';

/**
 * Opens the file at `location`: an absolute path or file:// URL (inside the local roots), or an http(s) URL (of
 * an allowed host). Local files are checked and stat'ed now; remote ones are first contacted by the first read.
 * @throws AppError BadRequest (not a location), Forbidden (outside what the options allow), NotFound.
 */
export async function openSource(location: string, options: SourceOptions = {}): Promise<Source> {
  const schemes = options.allowedSchemes ?? DEFAULT_SCHEMES;
  if (location.startsWith('/') || location.startsWith('file:')) {
    if (!schemes.includes('file')) throw new AppError('Forbidden', 'Reading local files is not allowed by this server.');
    const file = await resolveLocalFile(location, options.localRoots ?? []);
    return new FileSource(location, file);
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch (error) {
    throw new AppError('BadRequest', `${truncate(location)} is neither an absolute path nor a URL.`, { cause: error });
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') throw new AppError('BadRequest', `The URL scheme ${scheme}: is not supported; use https, http or a local path.`);
  if (!schemes.includes(scheme)) throw new AppError('Forbidden', `Reading ${scheme} URLs is not allowed by this server.`);
  if (url.username !== '' || url.password !== '') throw new AppError('BadRequest', 'URLs with a user name or password are not accepted.');
  if (!isHostAllowed(url.hostname, options.allowedHosts ?? [])) {
    throw new AppError('Forbidden', `Reading from ${url.hostname} is not allowed: remote hosts must be listed in ${HOSTS_SETTING}.`);
  }
  const client = options.httpClient ?? new HttpClient();
  return new HttpSource(url, client, azureHeaders(url, options));
}

/** The headers provider for an Azure blob without a SAS token when a credential is configured; undefined otherwise. */
export function azureHeaders(url: URL, options: SourceOptions): HeaderProvider | undefined {
  const credential = options.azureCredential;
  if (credential === undefined || !isAzureBlobUrl(url) || hasSasToken(url)) return undefined;
  const tokens = options.azureTokens ?? new AzureTokens();
  return async (signal) => (await tokens.providerFor(credential)).headers(signal);
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
