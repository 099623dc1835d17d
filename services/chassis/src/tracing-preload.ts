/**
 * The first module of every process (infra/src/build.ts bundles it to `dist/tracing.js` and makes
 * `dist/main.js` require it before anything else): starts the tracing SDK when the environment asks
 * for it (tracing-sdk.ts). PAYGATE_PROCESS_NAME is the build's name for the process (the default
 * OTEL_SERVICE_NAME).
 */
import { startTracing } from './tracing-sdk';

declare const PAYGATE_PROCESS_NAME: string;

try {
  startTracing(`paygate-${PAYGATE_PROCESS_NAME}`);
} catch (err) {
  // Tracing is an aid: a broken exporter setting must not keep the service from serving.
  process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), msg: 'tracing could not start; running without it', err: String(err) })}\n`);
}
