import { fail, PaygateError } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { findAccount } from '../db/accounts';
import type { PrismaClient } from '../db/client';
import { PUBLISHABLE_KEY_FORBIDDEN } from '../http/auth';
import { form, parseParams } from '../http/params';
import type { Caller, DescribedRoute } from '../http/route-table';
import { accountObject } from '../objects/account';
import { parseExpand, renderObject } from '../objects/stripe-object';

const params = z.strictObject({ expand: form.expand().optional() });

/** The routes accountHandler answers (mounted by server.ts, described in the OpenAPI document). */
export const accountRoutes: readonly DescribedRoute[] = [
  { method: 'get', path: '/v1/account', params, object: accountObject },
  { method: 'get', path: '/v1/accounts/:id', params, object: accountObject },
];

/**
 * GET /v1/account (and GET /v1/accounts/:id for the caller's own id): the caller's account, served
 * from the edge's own database — accounts and API keys live here, not behind the graph. Another
 * account's id is refused as Stripe refuses an account the key has no access to.
 */
export function accountHandler(prisma: PrismaClient) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const caller = res.locals.caller as Caller;
      if (caller.keyType !== 'secret') throw new PaygateError('permission_denied', PUBLISHABLE_KEY_FORBIDDEN);
      const parsed = parseParams(params, res.locals.params ?? {});
      const tree = parseExpand(accountObject, parsed.expand);
      const asked = (req.params as Record<string, string | undefined>).id;
      if (asked !== undefined && asked !== caller.account) {
        throw new PaygateError('permission_denied', `The provided key does not have access to account '${asked.slice(0, 60)}' (or that account does not exist). Application access may have been revoked.`, { param: 'account' });
      }
      const account = await findAccount(prisma, caller.account);
      if (!account) throw fail.missing('account', caller.account);
      res.json(renderObject(accountObject, { id: account.id, name: account.name, created: Math.floor(account.createdAt.getTime() / 1000) }, tree));
    } catch (err) {
      next(err);
    }
  };
}
