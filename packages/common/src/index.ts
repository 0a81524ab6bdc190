export { type Config, type ConfigOverrides, type Engine, loadConfig, settings } from './config.js';
export { AppError, type AppErrorOptions, abortError, type ErrorCode, errorStatus, isAppError, throwIfAborted } from './errors.js';
export { type ErrorBody, registerErrorHandlers, toErrorResponse } from './http/error-handler.js';
export { type HealthOptions, healthPaths, type ReadinessCheck, registerHealthRoutes } from './http/health.js';
export { createHttpServer, type HttpServerOptions } from './http/http-server.js';
export {
  enginesByRootPath,
  type MetricSample,
  type MetricSource,
  type Metrics,
  type MetricsOptions,
  metricsPath,
  NO_ENGINE,
  registerMetrics,
  UNMATCHED_ROUTE,
} from './http/metrics.js';
export { createLogger, type Logger, type LoggerOptions, type LogLevel, silentLogger } from './logger.js';
