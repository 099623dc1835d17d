import { toChargeNode, type ChargeNode } from '../db/charge-node';
import type { ChargeRow } from '../db/charges';
import type { ChargeDeps } from './deps';

/** A charge row as the graph shows it, with this deployment's default statement descriptor. */
export function chargeNodeOf(deps: ChargeDeps, row: ChargeRow): ChargeNode {
  return toChargeNode(row, deps.env.STATEMENT_DESCRIPTOR);
}
