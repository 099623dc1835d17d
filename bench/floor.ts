import { fork } from 'node:child_process';
import path from 'node:path';

/** The floor process (bench/floor-server.ts), forked: its own pid, its own event loop. */
export interface Floor {
  url: string;
  pid: number;
  /** Seeded by the floor at start: a customer to GET, a big charge to refund. */
  customerId: string;
  chargeId: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export function startFloor(account: string): Promise<Floor> {
  const child = fork(path.join(__dirname, 'floor-server.ts'), [], {
    execArgv: ['--import', 'tsx'], // one process (the tsx CLI would add a wrapper)
    env: { ...process.env, FLOOR_ACCOUNT: account },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`floor not ready after ${START_TIMEOUT_MS / 1000}s`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`floor exited during start (${code ?? signal})`));
    });
    child.once('message', (msg: { ready?: boolean; port?: number; customerId?: string; chargeId?: string }) => {
      clearTimeout(timer);
      if (!msg.ready || !msg.port) return reject(new Error(`floor: unexpected message ${JSON.stringify(msg)}`));
      resolve({ url: `http://127.0.0.1:${msg.port}`, pid: child.pid!, customerId: msg.customerId!, chargeId: msg.chargeId!, stop });
    });
  });
}
