import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON logger per process; components take a child with their name. */
export function createLogger(level: string = 'info', name = 'c360'): Logger {
  return pino({ name, level, base: { service: name } });
}
