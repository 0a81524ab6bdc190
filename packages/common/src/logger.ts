import { pino } from 'pino';

/** What the engines need of a logger; pino's logger satisfies it and tests may pass a silent one. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerOptions {
  level: LogLevel;
  name?: string;
  /** Where the lines go; standard error by default so that command output on stdout stays clean. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): pino.Logger {
  return pino(
    {
      level: options.level,
      ...(options.name === undefined ? {} : { name: options.name }),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination(2),
  );
}

export function silentLogger(): pino.Logger {
  return pino({ level: 'silent' });
}
