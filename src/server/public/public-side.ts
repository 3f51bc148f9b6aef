/**
 * Everything the public side adds to the service, wired from the service's own parts: the router (mount
 * at '/' before the login router), the onJusterad hook that creates the anslag, the periodic job that
 * records postings and takedowns, and close() for the verification workers.
 */
import type { Router } from 'express';
import type { Clock } from '../../clock';
import { usesDemonstrationKeys } from '../../engines/demonstration-keys';
import type { KeyMaterial } from '../../ca/keys-folder';
import type { Database } from '../../use-cases/records';
import type { Timestamper } from '../../tsa/timestamper';
import { anslagJusteradHook, runAnslagSchedule, type AnslagScheduleRun, type NoticePdfRenderer } from '../../use-cases/anslag-service';
import { createNoticePdfRenderer } from '../../documents/anslag-notice-pdf';
import type { JusteradHook } from '../../use-cases/service-context';
import { createPooledVerifier, type PublicVerifier } from './public-verifier';
import { createPublicRouter, type PublicRouterOptions } from './router';
import type { StartPageSetup } from './start-page';

export interface PublicSideDeps {
  db: Database;
  clock: Clock;
  keys: KeyMaterial;
  timestamper: Timestamper;
  publicBaseUrl: string;
  /** Days between justering and posting, 0 (default) to 2. */
  publishDelayDays?: number;
  /**
   * Whether the anslag pages, the JSON and the Atom feed link and serve the signed PDF (default true). False
   * when signer certificates carry personnummer (SIGNER_CERTIFICATE_ID=personnummer): the public then gets
   * the sealed anslag notice and the verification by code, never the signed PDF itself.
   */
  publishesSignedPdf?: boolean;
  /** The demo login provider is in use (the keys are checked here: src/pki/demonstration-keys.ts). */
  demoLogin?: boolean;
  /** What the start page says about trying the service; default: no demo, mail in the outbox, no example. */
  startPage?: Omit<StartPageSetup, 'demoLogin'>;
  /** Renders the anslag's sealed notice; default: in this thread with `keys` and `timestamper` (the service passes its engine workers'). */
  renderNoticePdf?: NoticePdfRenderer;
}

export interface PublicSide {
  router: Router;
  onJusterad: JusteradHook;
  runSchedule(): Promise<AnslagScheduleRun>;
  verifier: PublicVerifier;
  close(): Promise<void>;
}

export function createPublicSide(deps: PublicSideDeps, options: PublicRouterOptions & { verifier?: PublicVerifier } = {}): PublicSide {
  const verifier = options.verifier ?? createPooledVerifier({ trustAnchors: deps.keys.trustAnchors, clock: deps.clock });
  const anslag = {
    db: deps.db,
    clock: deps.clock,
    publishDelayDays: deps.publishDelayDays ?? 0,
    renderNoticePdf: deps.renderNoticePdf ?? createNoticePdfRenderer({ keys: deps.keys, timestamper: deps.timestamper, clock: deps.clock, publicBaseUrl: deps.publicBaseUrl }),
  };
  return {
    router: createPublicRouter(
      {
        db: deps.db,
        clock: deps.clock,
        publicBaseUrl: deps.publicBaseUrl,
        publishesSignedPdf: deps.publishesSignedPdf ?? true,
        verifier,
        trustAnchors: deps.keys.trustAnchors,
        demonstration: { keys: usesDemonstrationKeys(deps.keys), login: deps.demoLogin ?? false },
        startPage: { mailOutbox: true, loadsExample: false, ...deps.startPage, demoLogin: deps.demoLogin ?? false },
      },
      options,
    ),
    onJusterad: anslagJusteradHook(anslag),
    runSchedule: () => runAnslagSchedule(anslag),
    verifier,
    close: () => verifier.close(),
  };
}
