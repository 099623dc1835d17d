import fs from 'node:fs';

/**
 * Whose broker answers on a port. `ensureKafka` reuses a running broker only when this checkout
 * started it (its pid file, or a `kafka.Kafka <props>` command line naming this checkout's
 * properties file): a broker from another checkout, or a container, would be stopped or restarted
 * under the feet of whoever owns it (a test that stops "its" broker), or would hold another
 * checkout's topics and offsets. PAYGATE_KAFKA_EXTERNAL=1 says to use such a broker knowingly.
 */

export interface Listener {
  pid: number;
  cmdline: string;
}

export type Ownership = { owner: 'this-checkout'; pid: number } | { owner: 'someone-else'; listener: Listener | undefined };

/** Socket inodes listening on `port` in a /proc/net/tcp or tcp6 table (state 0A = LISTEN). */
export function listeningInodes(table: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (!local || fields[3] !== '0A') continue;
    if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && fields[9] && fields[9] !== '0') inodes.push(fields[9]);
  }
  return inodes;
}

/** The properties file a `java … kafka.Kafka <props>` command line runs, if it is one. */
export function brokerPropertiesOf(cmdline: string): string | undefined {
  const args = cmdline.split(' ');
  const main = args.indexOf('kafka.Kafka');
  return main >= 0 ? args[main + 1] : undefined;
}

export function judgeOwnership(listener: Listener | undefined, ourProperties: string): Ownership {
  if (listener && brokerPropertiesOf(listener.cmdline) === ourProperties) return { owner: 'this-checkout', pid: listener.pid };
  return { owner: 'someone-else', listener };
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The process listening on 127.0.0.1:`port`, from /proc (undefined: no /proc, or a process this user cannot see, e.g. in a container). */
export function listenerOn(port: number): Listener | undefined {
  const inodes = new Set([...listeningInodes(readText('/proc/net/tcp'), port), ...listeningInodes(readText('/proc/net/tcp6'), port)]);
  if (inodes.size === 0) return undefined;
  const sockets = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to look at
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (sockets.has(target)) return { pid: Number(pid), cmdline: readText(`/proc/${pid}/cmdline`).split('\0').join(' ').trim() };
    }
  }
  return undefined;
}

/** What `pnpm infra:up` says when it refuses a broker it did not start. */
export function foreignBrokerMessage(brokers: string, listener: Listener | undefined, ourProperties: string, pidFile: string): string {
  const who = listener
    ? `pid ${listener.pid} (${brokerPropertiesOf(listener.cmdline) ? `a Kafka broker running ${brokerPropertiesOf(listener.cmdline)}` : listener.cmdline.slice(0, 200) || 'command line unknown'})`
    : 'a process this user cannot see (another user, or a container)';
  const stop = listener
    ? `stop it (\`kill ${listener.pid}\`, or \`pnpm infra:down\` in the checkout that started it)`
    : 'stop it where it was started';
  return [
    `Kafka on ${brokers} was not started by this checkout: it is ${who}.`,
    `This checkout's broker would run ${ourProperties} and record its pid in ${pidFile}.`,
    `Either ${stop}, or pick another port (KAFKA_PORT=…), or set PAYGATE_KAFKA_EXTERNAL=1 to use that broker knowingly (this checkout will never stop or restart it).`,
  ].join('\n');
}
