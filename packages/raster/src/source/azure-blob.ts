import { AppError } from '@pqe/common';

// Azure Blob Storage: a URL with a SAS token is read as any https URL; without one, requests carry a bearer
// token for the storage scope from an Azure credential (DefaultAzureCredential in production).

/** The part of @azure/core-auth's TokenCredential that we use, so that tests can pass their own. */
export interface TokenCredential {
  getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

export const AZURE_STORAGE_SCOPE = 'https://storage.azure.com/.default';
/** The Blob service REST version sent with bearer-token requests (required with OAuth). */
export const AZURE_STORAGE_API_VERSION = '2023-11-03';
/** A token is renewed this long before it expires. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

const BLOB_HOST_SUFFIXES = ['.blob.core.windows.net', '.blob.core.chinacloudapi.cn', '.blob.core.usgovcloudapi.net'];

/** True for `https://<account>.blob.core.windows.net/<container>/<blob>` (and the sovereign clouds' hosts). */
export function isAzureBlobUrl(url: URL): boolean {
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  const suffix = BLOB_HOST_SUFFIXES.find((s) => host.endsWith(s));
  if (suffix === undefined) return false;
  const account = host.slice(0, -suffix.length);
  const [container, ...blob] = url.pathname.split('/').slice(1);
  return /^[a-z0-9]{3,24}$/.test(account) && container !== undefined && container !== '' && blob.join('/') !== '';
}

/** True when the URL carries a shared access signature (its `sig` parameter). */
export function hasSasToken(url: URL): boolean {
  return url.searchParams.has('sig');
}

/** Hands out bearer tokens for the storage scope, asking the credential again only near expiry. */
export class AzureTokenProvider {
  readonly #credential: TokenCredential;
  #cached: { token: string; expiresOnTimestamp: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(credential: TokenCredential) {
    this.#credential = credential;
  }

  async headers(signal?: AbortSignal): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.#token(signal)}`, 'x-ms-version': AZURE_STORAGE_API_VERSION };
  }

  #token(signal?: AbortSignal): Promise<string> {
    const cached = this.#cached;
    if (cached !== undefined && cached.expiresOnTimestamp - TOKEN_REFRESH_MARGIN_MS > Date.now()) return Promise.resolve(cached.token);
    if (this.#pending === undefined) {
      const pending = this.#credential
        .getToken(AZURE_STORAGE_SCOPE, signal === undefined ? {} : { abortSignal: signal })
        .then((token) => {
          if (token === null) throw new AppError('BadGateway', 'The Azure credential gave no token for Blob Storage.');
          this.#cached = token;
          return token.token;
        })
        .catch((error: unknown) => {
          if (error instanceof AppError) throw error;
          throw new AppError('BadGateway', `Could not get an Azure token for Blob Storage: ${error instanceof Error ? error.message : String(error)}`, {
            cause: error,
          });
        })
        .finally(() => {
          this.#pending = undefined;
        });
      this.#pending = pending;
    }
    return this.#pending;
  }
}

/** DefaultAzureCredential, loaded only when a blob without a SAS token is read (the SDK is large). */
export async function loadDefaultAzureCredential(): Promise<TokenCredential> {
  const identity = await import('@azure/identity');
  return new identity.DefaultAzureCredential();
}
