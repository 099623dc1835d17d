import { z } from 'zod';
import { bankAccountObject } from '../objects/bank-account';
import { form } from '../http/params';
import { route, type RestRoute } from '../http/route-table';
import { inputOf, LIST_ARGS, listArguments } from '../http/wire';
import { retrieveParams } from './shared-params';

/** /v1/accounts/:account/external_accounts — bank accounts of the caller's own account (the payout subgraph). */
const bankAccountHash = z.strictObject({
  object: z.literal('bank_account'),
  country: form.string(),
  currency: form.string(),
  routing_number: form.string().optional(),
  account_number: form.cardNumber(),
  account_holder_name: form.string().optional(),
  account_holder_type: z.enum(['individual', 'company']).optional(),
  metadata: form.metadata().optional(),
});

export const externalAccountRoutes: RestRoute[] = [
  route({
    method: 'post',
    path: '/v1/accounts/:account/external_accounts',
    params: z.strictObject({
      external_account: bankAccountHash,
      default_for_currency: form.boolean().optional(),
      metadata: form.metadata().optional(),
      expand: form.expand().optional(),
    }),
    object: bankAccountObject,
    operation: {
      kind: 'mutation',
      field: 'createBankAccount',
      args: { account: 'ID!', input: 'BankAccountCreateInput!' },
      variables: (params, path) => {
        const { object: _object, metadata, ...bank } = params.external_account;
        return { account: path.account, input: inputOf({ ...bank, default_for_currency: params.default_for_currency, metadata: params.metadata ?? metadata }) };
      },
    },
  }),
  route({
    method: 'get',
    path: '/v1/accounts/:account/external_accounts/:id',
    params: retrieveParams,
    object: bankAccountObject,
    operation: { kind: 'query', field: 'bankAccount', args: { account: 'ID!', id: 'ID!' }, variables: (_params, path) => ({ account: path.account, id: path.id }) },
  }),
  route({
    method: 'get',
    path: '/v1/accounts/:account/external_accounts',
    // Only bank accounts are external accounts here (no debit cards): object=card is refused.
    params: z.strictObject({ ...form.list(), object: z.enum(['bank_account']).optional() }),
    object: bankAccountObject,
    shape: 'list',
    operation: {
      kind: 'query',
      field: 'bankAccounts',
      args: { account: 'ID!', ...LIST_ARGS },
      variables: (params, path) => ({ account: path.account, ...listArguments(params) }),
    },
  }),
];
