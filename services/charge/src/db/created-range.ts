import { PaygateError } from '@paygate/chassis';

/** Stripe's `created[gt|gte|lt|lte]` list filter, as the graph passes it. */
export interface CreatedFilter {
  createdGt?: number | null;
  createdGte?: number | null;
  createdLt?: number | null;
  createdLte?: number | null;
}

/** The Prisma range on `created`, or undefined when the filter sets none. */
export function createdRange(filter: CreatedFilter | null | undefined): { gt?: number; gte?: number; lt?: number; lte?: number } | undefined {
  if (!filter) return undefined;
  const range: { gt?: number; gte?: number; lt?: number; lte?: number } = {};
  for (const [key, op] of [['createdGt', 'gt'], ['createdGte', 'gte'], ['createdLt', 'lt'], ['createdLte', 'lte']] as const) {
    const value = filter[key];
    if (value === null || value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) throw new PaygateError('parameter_invalid_integer', 'Invalid non-negative integer', { param: `created[${op}]` });
    range[op] = value;
  }
  return Object.keys(range).length > 0 ? range : undefined;
}
