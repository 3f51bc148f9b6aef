/**
 * The text read from an uploaded protocol's pages (issue 16 item 3), as stored with its document version
 * and shown on the signing page: a reading aid, never the document; the signed PDF is. One entry per
 * protocol page of the signed document, in its order.
 */
export interface ProtocolPageText {
  /** The page's number in the uploaded protocol (it differs from its place when the secretary picked pages). */
  protocolPage: number;
  /** The page's paragraphs, each as its lines; empty when the page holds no text that could be read (a scan). */
  paragraphs: string[][];
}
