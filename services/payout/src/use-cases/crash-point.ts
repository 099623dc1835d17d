import type { CrashPoint } from '../env';
import type { PayoutDeps } from './deps';

/**
 * Test-only: with PAYGATE_TEST_CRASH_AT=<point> the process dies here at once (SIGKILL: no cleanup,
 * no response, no rollback of what is committed), so an integration test can prove the reservation
 * protocol survives a crash between its steps. Unset in every real deployment: a no-op.
 */
export function crashPoint(deps: PayoutDeps, point: CrashPoint): void {
  if (deps.env.PAYGATE_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
