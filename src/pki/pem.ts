/** PEM (RFC 7468) reading and writing over DER bytes. Pure: uses atob/btoa, which browsers and Node share. */

export function pemEncode(label: string, der: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < der.length; i += 0x8000) binary += String.fromCharCode(...der.subarray(i, i + 0x8000));
  const base64 = btoa(binary);
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

/** Every PEM block in `text`, in order (text between blocks is ignored, as RFC 7468 §2 allows). */
export function pemDecodeAll(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const pattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const body = match[2]!.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new RangeError(`PEM block "${match[1]}" is not valid base64`);
    const binary = atob(body);
    const der = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) der[i] = binary.charCodeAt(i);
    blocks.push({ label: match[1]!, der });
  }
  return blocks;
}

/** The DER of the first block labelled `label`; throws RangeError when there is none. */
export function pemDecode(text: string, label: string): Uint8Array {
  const block = pemDecodeAll(text).find((candidate) => candidate.label === label);
  if (!block) throw new RangeError(`no "${label}" PEM block found`);
  return block.der;
}
