import { parseEnv } from '@paygate/chassis';
import { z } from 'zod';
import { SUBGRAPH_DEFAULT_PORTS, SUBGRAPH_NAMES, subgraphUrlVariable, type SubgraphName } from './subgraphs';

const urlShape = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), z.url().default(`http://127.0.0.1:${SUBGRAPH_DEFAULT_PORTS[name]}/graphql`)]),
);

export const gatewayEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...urlShape,
});

export interface GatewayEnv {
  PORT: number;
  HOST: string;
  LOG_LEVEL: string;
  subgraphUrls: Record<SubgraphName, string>;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = parseEnv(gatewayEnvSchema, source) as Record<string, string | number>;
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, String(parsed[subgraphUrlVariable(name)])])) as Record<SubgraphName, string>;
  return { PORT: Number(parsed.PORT), HOST: String(parsed.HOST), LOG_LEVEL: String(parsed.LOG_LEVEL), subgraphUrls };
}
