/**
 * What assembling an uploaded protocol did to it (src/assembly/from-pdf.ts's conversion), kept with the
 * document version so the secretary is told plainly, as `justera assemble --from-pdf` tells its user:
 * which pages were kept, whether the result is PDF/A and tagged, and what was removed. The reasons are the
 * assembly's own technical sentences (English); the pages word the rest in the page's language.
 */
export interface ProtocolConversionNotes {
  /** The protocol's pages kept in front of our signature page. */
  keptPages: number;
  /** The PDF/A the protocol declared, e.g. "PDF/A-1b". */
  declaredPdfA?: string;
  /** The result's PDF/A-2 level; undefined: the result is not PDF/A, for `notPdfAReasons`. */
  pdfaLevel?: 'A' | 'B';
  notPdfAReasons: string[];
  /** The result is tagged throughout (the signature page joined the protocol's structure tree). */
  tagged: boolean;
  /** The result claims PDF/UA-1. */
  pdfua: boolean;
  /** Why a tagged protocol's result is not tagged throughout, when it is not. */
  notTaggedReason?: string;
  /** JavaScript actions removed. */
  scriptsRemoved: number;
  /** Names of the embedded files removed. */
  filesRemoved: string[];
}
