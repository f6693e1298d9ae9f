/** File names of uploaded attachments, kept for the tab's life so a reload and the review still show them. */
const NAMES_KEY = 'esk:attachment-names';

function read(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(NAMES_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function rememberAttachmentName(id: string, name: string): void {
  try {
    sessionStorage.setItem(NAMES_KEY, JSON.stringify({ ...read(), [id]: name }));
  } catch {
    // Private modes without storage only lose the names after a reload.
  }
}

export function attachmentName(id: string): string {
  return read()[id] ?? id.slice(0, 8);
}
