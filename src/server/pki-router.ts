/**
 * The public PKI endpoints the certificates name: CA certificates and fresh CRLs under /pki, and the
 * built-in RFC 3161 TSA at /tsa (RFC 3161 §3.4: application/timestamp-query in, timestamp-reply out).
 */
import express, { Router } from 'express';
import { JusteraError } from '../errors';
import { currentCrl } from '../ca/crl';
import { pemEncode } from '../pki/pem';
import type { AppDeps } from './app-deps';

export function createPkiRouter(deps: AppDeps): Router {
  const router = Router();
  const { keys, clock } = deps;
  router.get('/pki/root-ca.crl', (_req, res) => {
    res.type('application/pkix-crl').send(Buffer.from(currentCrl(keys, 'root-ca', clock)));
  });
  router.get('/pki/signing-ca.crl', (_req, res) => {
    res.type('application/pkix-crl').send(Buffer.from(currentCrl(keys, 'signing-ca', clock)));
  });
  router.get('/pki/root-ca.crt', (_req, res) => {
    res.type('application/pkix-cert').send(Buffer.from(keys.root.certificate));
  });
  router.get('/pki/signing-ca.crt', (_req, res) => {
    res.type('application/pkix-cert').send(Buffer.from(keys.signingCa.certificate));
  });
  router.get('/pki/root-ca.pem', (_req, res) => {
    res.type('application/x-pem-file').send(pemEncode('CERTIFICATE', keys.root.certificate));
  });
  router.post('/tsa', express.raw({ type: 'application/timestamp-query', limit: '16kb' }), async (req, res) => {
    const tsa = deps.tsa;
    if (!tsa) throw new JusteraError('ERR_NOT_FOUND', 'this service does not run the built-in TSA (TSA_URL names another one)', { field: 'TSA_URL' });
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      throw new JusteraError('ERR_INPUT_INVALID', 'send a DER TimeStampReq with Content-Type: application/timestamp-query', { field: 'Content-Type' });
    }
    const reply = await tsa.handleRequest(new Uint8Array(req.body));
    res.type('application/timestamp-reply').send(Buffer.from(reply));
  });
  return router;
}
