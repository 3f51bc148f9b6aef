export const EXIT_OK = 0;
/** A negative answer: a document that does not verify, an audit trail with a broken link. */
export const EXIT_NEGATIVE = 1;
/** Usage errors, unreadable files, refused input. */
export const EXIT_USAGE = 2;
