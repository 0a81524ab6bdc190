import { abortError } from '@pqe/common';

// Shares one running load among the callers that ask for the same key at the same time (two tiles needing
// the same COG block, two readers asking the same byte range). Each caller keeps its own AbortSignal: a
// caller that goes away stops waiting at once, and the load itself is aborted only when no caller is left.

interface Pending<V> {
  promise: Promise<V>;
  controller: AbortController;
  waiters: number;
}

export class Inflight<K, V> {
  readonly #pending = new Map<K, Pending<V>>();

  /** Loads currently running. */
  get size(): number {
    return this.#pending.size;
  }

  /**
   * Runs `load` for `key` unless a load for it is already running, in which case its result is shared.
   * `load` gets a signal that aborts when every caller waiting for it has aborted.
   */
  run(key: K, load: (signal: AbortSignal) => Promise<V>, signal?: AbortSignal): Promise<V> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    let pending = this.#pending.get(key);
    if (pending === undefined) {
      const controller = new AbortController();
      const started = Promise.resolve().then(() => load(controller.signal));
      const entry: Pending<V> = { promise: started, controller, waiters: 0 };
      pending = entry;
      this.#pending.set(key, entry);
      const forget = () => {
        if (this.#pending.get(key) === entry) this.#pending.delete(key);
      };
      started.then(forget, forget);
    }
    return this.#wait(key, pending, signal);
  }

  #wait(key: K, pending: Pending<V>, signal: AbortSignal | undefined): Promise<V> {
    pending.waiters += 1;
    if (signal === undefined) return pending.promise;
    return new Promise<V>((resolve, reject) => {
      const onAbort = () => {
        pending.waiters -= 1;
        if (pending.waiters === 0) {
          // Nobody wants the result any more: stop the work and let a later caller start afresh.
          if (this.#pending.get(key) === pending) this.#pending.delete(key);
          pending.controller.abort(signal.reason);
        }
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      pending.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
