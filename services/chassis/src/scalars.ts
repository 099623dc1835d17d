import { GraphQLScalarType } from 'graphql';
import { GraphQLJSONObject, GraphQLSafeInt } from 'graphql-scalars';

/** `scalar Metadata`: Stripe metadata, a flat object of string values (limits are checked in the domain). */
export const MetadataScalar = new GraphQLScalarType({ ...GraphQLJSONObject.toConfig(), name: 'Metadata' });

/** `scalar SafeInt`: minor-unit sums that may exceed GraphQL's 32-bit Int (balances, ledger totals). */
export const SafeIntScalar = new GraphQLScalarType({ ...GraphQLSafeInt.toConfig(), name: 'SafeInt' });

/** `scalar JSONObject`: structured Stripe sub-objects we pass through as they are (outcome, fee details). */
export const JSONObjectScalar = GraphQLJSONObject;
