'use strict';
/**
 * The runtime image's one entry (Dockerfile `CMD`): PAYGATE_SERVICE names the process (a subgraph
 * such as `charge`, or `gateway`, or `rest-edge`; default `rest-edge`), and this runs its bundle
 * the way infra/src/stack.ts does: `<package>/dist/main.js` with its package folder as the working
 * directory. The names and folders come from processes.json, which infra/src/image.ts writes when
 * the image is assembled, so a new service in topology.ts needs no change here.
 * Plain JavaScript: the runtime image has no TypeScript loader.
 */
const fs = require('node:fs');
const path = require('node:path');

const processes = JSON.parse(fs.readFileSync(path.join(__dirname, 'processes.json'), 'utf8'));
const name = process.env.PAYGATE_SERVICE || 'rest-edge';
const spec = processes[name];
if (!spec) {
  process.stderr.write(`PAYGATE_SERVICE=${name} is not a process of this image; one of: ${Object.keys(processes).join(', ')}\n`);
  process.exit(64);
}
const dir = path.join(__dirname, '..', spec.dir);
process.chdir(dir);
require(path.join(dir, 'dist', 'main.js'));
