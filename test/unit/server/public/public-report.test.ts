import { redactPersonnummer, REDACTED, publicReport } from '../../../../src/server/public/public-report';
import type { VerificationReport } from '../../../../src/verification/model';

describe('redactPersonnummer', () => {
  it('removes the serialNumber attribute from a distinguished name, wherever it stands', () => {
    expect(redactPersonnummer('CN=Johan Nilsson, serialNumber=196504127793, C=SE')).toBe('CN=Johan Nilsson, C=SE');
    expect(redactPersonnummer('SERIALNUMBER=196504127793, CN=Johan Nilsson')).toBe('CN=Johan Nilsson');
    expect(redactPersonnummer('CN=Johan Nilsson+2.5.4.5=196504127793,O=X')).toBe('CN=Johan Nilsson,O=X');
  });

  it.each(['196504127793', '19650412-7793', '650412-7793', '6504127793'])('hides a valid personnummer written %s in free text', (written) => {
    expect(redactPersonnummer(`signed by Johan (${written}) today`)).toBe(`signed by Johan (${REDACTED}) today`);
  });

  it('leaves hashes, certificate serials and numbers that are no personnummer alone', () => {
    const sha = '0a96504127793ffe8b1f0000196504127793aa';
    expect(redactPersonnummer(sha)).toBe(sha);
    expect(redactPersonnummer('196504127794')).toBe('196504127794');
    expect(redactPersonnummer('2023-10-05 10:00')).toBe('2023-10-05 10:00');
  });
});

describe('publicReport', () => {
  it('drops serialNumber keys and the uploaded file name, and scrubs every string', () => {
    const report = {
      file: '/home/someone/196504127793.pdf',
      sha256: 'ab'.repeat(32),
      signatures: [{ field: 'ordforande', signerNames: { commonName: 'Johan Nilsson', serialNumber: '196504127793' }, signer: { subject: 'CN=Johan Nilsson, serialNumber=196504127793', serialHex: '196504127793' } }],
    } as unknown as VerificationReport;
    const cleaned = publicReport(report);
    expect(JSON.stringify(cleaned)).not.toMatch(/6504127793/);
    expect(cleaned).not.toHaveProperty('file');
    expect(cleaned.signatures[0].signerNames).toEqual({ commonName: 'Johan Nilsson' });
  });
});
