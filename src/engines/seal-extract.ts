/**
 * The organisation's seal as `assembleExtract` takes it: sealDocument bound to the keys folder, with the
 * document's creation time as the seal's time and the built-in TSA's clock, so that a pinned creation
 * time gives a byte-identical sealed PDF (RSA PKCS#1 v1.5 and the TSA's token are deterministic).
 */
import { fixedClock } from '../clock';
import type { KeyMaterial } from '../ca/keys-folder';
import { sealDocument } from '../pades';
import type { Seal } from './assemble-extract';
import { signingContextFor, type TsaSetting } from './signing-context';

export function organisationSeal(keys: KeyMaterial, options: { time: Date; tsa?: TsaSetting }): Seal {
  return (pdf) => {
    const clock = fixedClock(options.time);
    return sealDocument(pdf, { ...signingContextFor(keys, clock, options.tsa), time: options.time });
  };
}
