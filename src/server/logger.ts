/**
 * pino, with personnummer kept out: known fields are redacted and anything that looks like a 12-digit
 * personnummer in a message is masked, so a log line never carries one (DOMAIN.md).
 */
import pino, { type Logger } from 'pino';

const PERSONNUMMER = /\b(?:19|20)\d{6}[-+]?\d{4}\b/g;

export function maskPersonnummer(text: string): string {
  return text.replace(PERSONNUMMER, '[personnummer]');
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'justera' },
      redact: {
        paths: ['personnummer', '*.personnummer', '*.*.personnummer', 'person.personnummer', 'req.headers.authorization', 'req.headers.cookie', 'token', '*.token'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? maskPersonnummer(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
