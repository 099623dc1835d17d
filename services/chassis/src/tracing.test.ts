import { logLevelFor, logLevelVariable } from './logger';
import { currentTraceParent, TRACING, tracingEnabled } from './tracing';

describe('tracing is off unless the environment names an exporter', () => {
  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }, true],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, false],
    [{ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, false],
    [{ OTEL_SERVICE_NAME: 'paygate-charge', OTEL_TRACES_SAMPLER: 'always_on' }, false],
  ] as [NodeJS.ProcessEnv, boolean][])('%j → %s', (env, on) => {
    expect(tracingEnabled(env)).toBe(on);
  });

  it('off, nothing is stored beside an outbox row', () => {
    if (TRACING) return; // the unit run has no exporter configured
    expect(currentTraceParent()).toBeNull();
  });
});

describe('log level per process', () => {
  it('LOG_LEVEL_<PROCESS> over LOG_LEVEL, else info', () => {
    expect(logLevelVariable('charge-service')).toBe('LOG_LEVEL_CHARGE');
    expect(logLevelVariable('rest-edge')).toBe('LOG_LEVEL_REST_EDGE');
    expect(logLevelFor('charge-service', {})).toBe('info');
    expect(logLevelFor('charge-service', { LOG_LEVEL: 'warn' })).toBe('warn');
    expect(logLevelFor('charge-service', { LOG_LEVEL: 'warn', LOG_LEVEL_CHARGE: 'debug' })).toBe('debug');
    expect(logLevelFor('charge', { LOG_LEVEL_CHARGE: 'debug' })).toBe('debug');
    expect(logLevelFor('gateway', { LOG_LEVEL_CHARGE: 'debug' })).toBe('info');
  });
});
