import { PDFDocument } from 'pdf-lib';
import { dict, name } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { writeSignatureUpdate } from '../../../src/pades/signature-update';

async function basePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save({ useObjectStreams: false });
}

function request(input: Uint8Array, estimatedSize: number, sign: (digest: Buffer) => Promise<Uint8Array>) {
  return {
    file: PdfFile.parse(input),
    input,
    signatureEntries: dict({ Type: name('Sig') }),
    estimatedSize,
    digestAlgorithm: 'SHA-256' as const,
    addObjects: () => undefined,
    sign: async (digest: Buffer) => ({ der: await sign(digest) }),
  };
}

describe('writeSignatureUpdate', () => {
  it('retries once with the real size when the signature outgrows the estimate', async () => {
    const input = await basePdf();
    const digests: Buffer[] = [];
    const output = await writeSignatureUpdate(
      request(input, 100, async (digest) => {
        digests.push(digest);
        return Buffer.alloc(300, 0xab);
      }),
    );
    expect(digests).toHaveLength(2);
    expect(Buffer.from(output.subarray(0, input.length)).equals(Buffer.from(input))).toBe(true);
    expect(output.toString('latin1')).toContain(`<${'AB'.repeat(300)}0`);
  });

  it('gives up with ERR_PLACEHOLDER_TOO_SMALL when the signature keeps growing', async () => {
    const input = await basePdf();
    let size = 100;
    await expect(writeSignatureUpdate(request(input, 100, async () => Buffer.alloc((size *= 10))))).rejects.toMatchObject({ code: 'ERR_PLACEHOLDER_TOO_SMALL' });
  });
});
