import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One structured logger per process. Card data never reaches it: redaction below is a last line
 * of defence for fields that could carry a number by mistake.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    redact: {
      paths: ['*.number', '*.card.number', '*.cvc', 'card[number]', 'req.headers.authorization', '*.authorization'],
      censor: '[redacted]',
    },
  });
}
