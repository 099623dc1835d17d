import { newId } from '@paygate/chassis';
import type { NextFunction, Request, Response } from 'express';

/** Every response carries `Request-Id: req_…`, the id also passed down the graph and logged. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  void req;
  const id = newId('request', 14);
  res.locals.requestId = id;
  res.setHeader('Request-Id', id);
  next();
}
