'use strict';
/**
 * The image's HEALTHCHECK (no curl in a slim image): GET /ready on the process's own port, exit 0
 * on a 2xx. PORT when set (docker-compose.yml sets it), else the default port of PAYGATE_SERVICE
 * (processes.json, the ports of infra/src/topology.ts portsFrom(4000)). `/ready` is the readiness
 * door of every process: its database reachable (subgraph), every subgraph ready (gateway), its
 * database and the gateway ready (edge). HEALTHCHECK_PATH=/health probes liveness only.
 */
const fs = require('node:fs');
const path = require('node:path');

const processes = JSON.parse(fs.readFileSync(path.join(__dirname, 'processes.json'), 'utf8'));
const spec = processes[process.env.PAYGATE_SERVICE || 'rest-edge'];
const port = process.env.PORT || (spec && spec.port);
const url = `http://127.0.0.1:${port}${process.env.HEALTHCHECK_PATH || '/ready'}`;
fetch(url, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
