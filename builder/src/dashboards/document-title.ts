/** Title rules shared by the create and rename dialogs (the server checks them again). */
export const TITLE_MAX_LENGTH = 200;

/** The document with a new title, everything else untouched: a rename must not drop panels. */
export function withTitle<Document extends { title: string }>(document: Document, title: string): Document {
  return { ...document, title: title.trim() };
}

/** The title of a duplicate, kept within the length limit. */
export function copyTitle(title: string): string {
  return `Copy of ${title}`.slice(0, TITLE_MAX_LENGTH);
}
