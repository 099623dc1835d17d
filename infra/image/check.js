'use strict';
/**
 * Run while the image is built (Dockerfile runtime stage) and against a staged copy on a host:
 * `node infra/image/check.js [root]`. Every bundle requires its npm packages by relative paths into
 * node_modules/.pnpm (infra/src/build.ts), resolved when the bundle was built against the full
 * install; the runtime image carries a production-only, pruned install instead. This loads every
 * such package (and so everything it requires in turn) from the runtime tree, and checks the files
 * each process reads at start (schema.graphql), so an image that would fail at start fails to build.
 * Loading a package runs only its module code: nothing here listens or connects.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..'));
const processes = JSON.parse(fs.readFileSync(path.join(root, 'image', 'processes.json'), 'utf8'));
const EXTERNAL = /\b(?:require|import)\("(\.{1,2}\/[^"]+)"\)/g;

const problems = [];
const loaded = new Set();
for (const [name, spec] of Object.entries(processes)) {
  const dist = path.join(root, spec.dir, 'dist');
  const bundle = path.join(dist, 'main.js');
  if (!fs.existsSync(bundle)) {
    problems.push(`${name}: no ${path.relative(root, bundle)}`);
    continue;
  }
  for (const file of spec.reads) {
    if (!fs.existsSync(path.join(root, file))) problems.push(`${name}: reads ${file}, which is missing`);
  }
  // The bundle and the tracing preload it requires first (infra/src/build.ts BANNER).
  const preload = path.join(dist, 'tracing.js');
  if (!fs.existsSync(preload)) problems.push(`${name}: no ${path.relative(root, preload)}`);
  for (const file of [bundle, preload].filter((f) => fs.existsSync(f))) {
    for (const [, relative] of fs.readFileSync(file, 'utf8').matchAll(EXTERNAL)) {
      const target = path.resolve(dist, relative);
      if (loaded.has(target)) continue;
      loaded.add(target);
      try {
        require(target);
      } catch (err) {
        problems.push(`${name}: ${path.relative(root, target)}: ${err.message.split('\n')[0]}`);
      }
    }
  }
}
if (problems.length) {
  process.stderr.write(`image check failed:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(`image check: ${Object.keys(processes).length} processes, ${loaded.size} external modules load\n`);
// A loaded package may hold a handle open (a timer, a worker); the check is done either way.
process.exit(0);
