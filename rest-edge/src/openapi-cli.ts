import fs from 'node:fs';
import path from 'node:path';
import { openApiJson } from './http/openapi';
import { API_ROUTES } from './routes';

/** docs/openapi.json at the repository root: what GET /openapi.json serves, generated from the route table. */
export const OPENAPI_FILE = path.join(__dirname, '..', '..', 'docs', 'openapi.json');

if (require.main === module) {
  fs.writeFileSync(OPENAPI_FILE, openApiJson(API_ROUTES));
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE) || OPENAPI_FILE}`);
}
