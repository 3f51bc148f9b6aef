/**
 * The verifier's public surface: `verifyPdf` and the report it returns, the renderers, and the sentences.
 * Checks, facts and the difference analysis are internals (import them only from tests).
 */
export { verifyPdf, type VerifyPdfOptions } from './verify-pdf';
export type * from './model';
export { isAccepted, type FileOutcome } from './render/batch';
export { renderCsv } from './render/csv';
export { renderEtsiXml } from './render/etsi-xml';
export { renderHtml } from './render/html';
export { renderJson } from './render/json';
export { renderText, type Language } from './render/text';
export { formatSentence, swedishTime } from './sentences';
