/**
 * The logical structure of a laid-out document (ISO 32000-1 14.7 and 14.8, PDF/UA-1): a tree of standard
 * structure elements in reading order, and the tag every page item carries, either the element whose
 * content it is or an artifact (running headers and footers, 14.8.2.2). Pure: no PDF objects; the
 * layouts build it, structure-tree.ts writes it.
 */

/** The standard structure types we use (ISO 32000-1 14.8.4); no role map is needed. */
export type StructureType =
  | 'Document'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'BlockQuote'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Figure'
  | 'Form';

export interface StructureElement {
  type: StructureType;
  kids: StructureElement[];
  /** /Alt (14.9.3): required for a Figure. */
  alt?: string;
  /** /Lang (14.9.2) where it differs from the document's. */
  lang?: string;
  /** A header cell's /Scope (Table attributes, 14.8.5.7). */
  scope?: 'Row' | 'Column';
  /** A Figure's /BBox layout attribute (14.8.5.4.3), [x1 y1 x2 y2] on its page. */
  bbox?: readonly [number, number, number, number];
}

/** Content that is not part of the text (14.8.2.2): /Artifact with /Type /Pagination and this /Subtype. */
export interface Artifact {
  artifact: 'Header' | 'Footer';
}

export type ContentTag = StructureElement | Artifact;

export const HEADER_ARTIFACT: Artifact = { artifact: 'Header' };
export const FOOTER_ARTIFACT: Artifact = { artifact: 'Footer' };

export function isArtifact(tag: ContentTag): tag is Artifact {
  return 'artifact' in tag;
}

/** A new element of `type` appended to `parent`'s kids (the reading order is the order of creation). */
export function addElement(parent: StructureElement, type: StructureType, properties: Omit<StructureElement, 'type' | 'kids'> = {}): StructureElement {
  const element: StructureElement = { type, kids: [], ...properties };
  parent.kids.push(element);
  return element;
}

export function documentElement(): StructureElement {
  return { type: 'Document', kids: [] };
}
