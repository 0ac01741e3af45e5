import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** Gives every request a correlation id (the caller's x-correlation-id, else a new one), echoed in the response. */
export function correlationId(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers['x-correlation-id'];
  const id = (typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : undefined) ?? randomUUID();
  (req as Request & { correlationId?: string }).correlationId = id;
  res.setHeader('x-correlation-id', id);
  next();
}
