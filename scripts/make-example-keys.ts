/**
 * Regenerates keys-example/, the demonstration PKI the quick start and the tests use. From the checkout:
 * `npm run build && node dist/scripts/make-example-keys.js [dir]`. The clock is pinned to 2020-01-01 and
 * every certificate lives 30 years, so documents signed with test clocks around 2023 verify until 2050.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixedClock } from '../src/clock';
import { KEYS_FILES, initKeys } from '../src/ca/keys-folder';

const README = `# keys-example — ENDAST FÖR DEMONSTRATION / FOR DEMONSTRATION ONLY

**Svenska.** Den här mappen innehåller en exempel-PKI för Justera: rot-CA, signerings-CA, tidsstämplings-
tjänst (TSA) och organisationens sigillcertifikat, med sina **privata nycklar öppet incheckade i
Git-förrådet**. Den finns bara för att snabbstarten och testerna ska fungera direkt. Underskrifter som görs
med de här nycklarna bevisar ingenting: vem som helst kan skapa dem. Använd den aldrig i drift. Skapa
egna nycklar för en verklig installation med \`npx justera keys init <mapp> --organisation "<namn>"
--public-base-url <https://…>\` och förvara dem skyddade.

**English.** This folder holds an example PKI for Justera: root CA, signing CA, time-stamping authority
(TSA) and the organisation's seal certificate, with their **private keys committed openly to the
repository**. It exists only so the quick start and the tests work out of the box. Signatures made with
these keys prove nothing: anyone can make them. Never use it in production. Create your own keys for a
real deployment with \`npx justera keys init <dir> --organisation "<name>" --public-base-url <https://…>\`
and keep them protected.

Organisation: Hägersten-Älvsjö stadsdelsnämnd · public base URL: http://localhost:3000 ·
valid 2020-01-01 – 2050-01-01. Regenerate: \`npm run build && node dist/scripts/make-example-keys.js\`.
`;

const dir = resolve(process.argv[2] ?? join(process.cwd(), 'keys-example'));
initKeys(dir, {
  organisation: 'Hägersten-Älvsjö stadsdelsnämnd',
  publicBaseUrl: 'http://localhost:3000',
  clock: fixedClock('2020-01-01T00:00:00Z'),
  validityYears: 30,
  overwrite: true,
});
writeFileSync(join(dir, KEYS_FILES.readme), README);
console.log(`wrote ${dir}`);
