import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Where Prometheus scrapes. */
export const metricsPath = '/metrics';

/** One value of a metric that an engine keeps itself; `labels` must name exactly the source's `labelNames`. */
export interface MetricSample {
  labels?: Readonly<Record<string, string>>;
  value: number;
}

/**
 * A metric that an engine keeps itself (database pool, caches) and that is read at each scrape, so that engines
 * need no Prometheus client of their own.
 */
export interface MetricSource {
  /** Prometheus name, `pqe_<area>_<what>[_<unit>]`; counters end in `_total`. */
  name: string;
  help: string;
  /** gauge: a level that goes up and down; counter: a running total since the process started. */
  type: 'gauge' | 'counter';
  labelNames?: readonly string[];
  /** Cheap, synchronous and never throws: it runs inside every scrape. */
  read: () => number | readonly MetricSample[];
}

export interface MetricsOptions {
  /** The `engine` label of a route template, e.g. from {@link enginesByRootPath}. */
  engineOf: (route: string) => string;
  /** Route templates left out of the request metrics (health probes); /metrics itself always is. */
  quietRoutes?: readonly string[];
}

export interface Metrics {
  /** Adds a metric that an engine keeps; its name must be new. */
  addSource(source: MetricSource): void;
  /** The Prometheus text exposition: the process's metrics, then this application's. */
  render(): Promise<{ contentType: string; text: string }>;
}

/** The `route` label of requests that matched no route: one value for every unknown path. */
export const UNMATCHED_ROUTE = 'unmatched';
/** The `engine` label of routes outside every engine's root path. */
export const NO_ENGINE = 'none';

// From 5 ms (a cached tile, a page of a small search) to the 30 s request time limit.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

let processRegistry: Registry | undefined;

/**
 * CPU, memory, event loop lag, GC and handles, collected once per process however many applications it builds
 * (tests build many): each collector watches the process, not an application.
 */
function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The engine of a route template from the root paths the engines are mounted under: the longest root that the
 * template is at or below, else {@link NO_ENGINE}. `/api/stac/v10` is not below `/api/stac/v1`.
 */
export function enginesByRootPath(roots: Readonly<Record<string, string>>): (route: string) => string {
  const byLength = Object.entries(roots).sort(([, a], [, b]) => b.length - a.length);
  return (route) => {
    for (const [engine, root] of byLength) {
      if (root === '' || route === root || route.startsWith(`${root}/`)) return engine;
    }
    return NO_ENGINE;
  };
}

function sourceMetric(source: MetricSource, registry: Registry): void {
  const samples = (): readonly MetricSample[] => {
    const read = source.read();
    return typeof read === 'number' ? [{ value: read }] : read;
  };
  const common = { name: source.name, help: source.help, labelNames: [...(source.labelNames ?? [])], registers: [registry] };
  if (source.type === 'gauge') {
    new Gauge({
      ...common,
      collect() {
        this.reset();
        for (const sample of samples()) this.set(sample.labels ?? {}, sample.value);
      },
    });
  } else {
    new Counter({
      ...common,
      collect() {
        this.reset();
        for (const sample of samples()) this.inc(sample.labels ?? {}, sample.value);
      },
    });
  }
}

/**
 * Request metrics for every route of `app` (a duration histogram labelled by method, route template, status code
 * and engine, and the requests in flight), the process's metrics, and GET /metrics that serves them with the
 * metrics that engines add. Labels come from route templates, never from raw URLs, so that a crawler of random
 * paths cannot grow the series. Call before the routes are added.
 */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions): Metrics {
  const registry = new Registry();
  const quiet = new Set([...(options.quietRoutes ?? []), metricsPath]);
  const duration = new Histogram({
    name: 'pqe_http_request_duration_seconds',
    help: 'Time from the request to the end of its answer, by method, route template, status code and engine (499: the client went away)',
    labelNames: ['method', 'route', 'status_code', 'engine'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'pqe_http_requests_in_flight',
    help: 'Requests received and not yet answered, by engine',
    labelNames: ['engine'],
    registers: [registry],
  });

  app.addHook('onRequest', async (request, reply) => {
    const route = request.is404 ? undefined : request.routeOptions.url;
    if (route !== undefined && quiet.has(route)) return;
    const engine = route === undefined ? NO_ENGINE : options.engineOf(route);
    const method = METHODS.has(request.method) ? request.method : 'other';
    inFlight.inc({ engine });
    const stop = duration.startTimer({ method, route: route ?? UNMATCHED_ROUTE, engine });
    let ended = false;
    const end = (status: string) => {
      if (ended) return;
      ended = true;
      inFlight.dec({ engine });
      stop({ status_code: status });
    };
    // 'finish': the answer was handed over whole; a 'close' before it: the client went away first.
    reply.raw.once('finish', () => end(String(reply.statusCode)));
    reply.raw.once('close', () => end('499'));
  });

  const metrics: Metrics = {
    addSource: (source) => sourceMetric(source, registry),
    async render() {
      const merged = Registry.merge([processMetrics(), registry]);
      return { contentType: merged.contentType, text: await merged.metrics() };
    },
  };

  app.get(metricsPath, async (_request, reply) => {
    const { contentType, text } = await metrics.render();
    return reply.header('cache-control', 'no-store').type(contentType).send(text);
  });
  return metrics;
}
