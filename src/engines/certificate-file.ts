/**
 * Reading a PEM file of certificates (trust anchors, an external TSA's chain): bounded, every CERTIFICATE
 * block in order, other blocks ignored. What the certificates must be is the caller's question.
 */
import { InputError } from '../errors';
import { pemDecodeAll } from '../pki/pem';
import { readBoundedFile } from './read-bounded-file';

/** A PEM file of a few certificates, far below this. */
const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024;

/** DER of each certificate in `file`; unreadable, not PEM or without a CERTIFICATE is an InputError naming `field`. */
export function readCertificateFile(file: string, field: string): Uint8Array[] {
  let text: string;
  try {
    text = readBoundedFile(file, { maxBytes: MAX_CERTIFICATE_FILE_BYTES, what: 'a PEM file of certificates' }).toString('utf8');
  } catch (error) {
    throw new InputError(`cannot read the certificate file ${file}: ${(error as Error).message}`, { field, code: 'ERR_FILE_UNREADABLE', cause: error });
  }
  let certificates: Uint8Array[];
  try {
    certificates = pemDecodeAll(text).filter((block) => block.label === 'CERTIFICATE').map((block) => block.der);
  } catch (error) {
    throw new InputError(`${file} is not a PEM file: ${(error as Error).message}`, { field, cause: error });
  }
  if (certificates.length === 0) throw new InputError(`${file} holds no PEM CERTIFICATE`, { field });
  return certificates;
}
