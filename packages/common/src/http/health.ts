import type { FastifyInstance } from 'fastify';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface HealthOptions {
  /** Runs the readiness checks (database reachable, migrations current, ...). Must not throw. */
  readiness: (signal: AbortSignal) => Promise<readonly ReadinessCheck[]>;
}

export const healthPaths = ['/_mgmt/ping', '/healthz', '/readyz'] as const;

/** Liveness and readiness routes, for probes: /_mgmt/ping (as the Planetary Computer answers), /healthz, /readyz. */
export function registerHealthRoutes(app: FastifyInstance, options: HealthOptions): void {
  app.get('/_mgmt/ping', async () => ({ message: 'PONG' }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    const checks = await options.readiness(request.abortSignal);
    const ready = checks.every((check) => check.ok);
    void reply.header('cache-control', 'no-store');
    if (ready) return { status: 'ready', checks };
    const failing = checks.filter((check) => !check.ok).map((check) => `${check.name}: ${check.detail ?? 'failing'}`);
    return reply.status(503).send({ code: 'Unavailable', description: `Not ready: ${failing.join('; ')}`, checks });
  });
}
