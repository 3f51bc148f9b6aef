/**
 * Failing on a malformed structure the same way in every reader of signed DER objects (CRLs, OCSP
 * responses): one typed error, ERR_CERTIFICATE_MALFORMED, whose message names the structure and the part.
 */
import { JusteraError } from '../errors';
import type { DerElement } from './der';

export interface StructureReader {
  fail(message: string): never;
  /** The element when it is there with this tag, else a failure naming `what`. */
  expect(element: DerElement | undefined, tag: number, what: string): DerElement;
}

/** `structure` as the message says it, e.g. "X.509 CRL": "not a DER X.509 CRL: …". */
export function structureReader(structure: string): StructureReader {
  const fail = (message: string): never => {
    throw new JusteraError('ERR_CERTIFICATE_MALFORMED', `not a DER ${structure}: ${message}`);
  };
  return {
    fail,
    expect(element, tag, what) {
      if (!element || element.tag !== tag) fail(`${what} is missing or has the wrong type`);
      return element!;
    },
  };
}
