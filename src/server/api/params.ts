/** A named path parameter as one string (Express 5 types a parameter as string | string[]). */
import type { Request } from 'express';
import { JusteraError } from '../../errors';

export function pathParam(req: Request, name: string): string {
  const value: unknown = req.params[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) throw new JusteraError('ERR_INPUT_INVALID', `path parameter ${name} is missing or malformed`, { field: name });
  return value;
}
