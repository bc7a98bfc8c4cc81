/** Words and colours the Plugins page shows for states, signatures and origins; plain functions, tested. */

interface Signature {
  state: 'signed' | 'unsigned' | 'untrusted' | 'invalid';
  keyName?: string;
  keyId?: string | null;
  reason?: string;
}

/** `signed by <key name>`, `unsigned`, `signature invalid`, with the tag colour. */
export function signatureLabel(signature: Signature): { text: string; color: string; detail?: string } {
  switch (signature.state) {
    case 'signed':
      return { text: `signed by ${signature.keyName}`, color: 'green' };
    case 'unsigned':
      return { text: 'unsigned', color: 'default' };
    case 'untrusted':
      return { text: 'signed by an untrusted key', color: 'orange', detail: signature.reason };
    case 'invalid':
      return { text: 'signature invalid', color: 'red', detail: signature.reason };
  }
}

type Origin =
  | { kind: 'upload'; fileName?: string }
  | { kind: 'file' | 'folder'; path: string }
  | { kind: 'registry'; registry: string; name: string }
  | { kind: 'url'; url: string };

/** Where a package came from, in a few words. */
export function originLabel(origin: Origin): string {
  switch (origin.kind) {
    case 'upload':
      return origin.fileName ? `uploaded ${origin.fileName}` : 'uploaded';
    case 'registry':
      return `${origin.name} from ${origin.registry}`;
    case 'url':
      return origin.url;
    case 'file':
    case 'folder':
      return `${origin.kind} ${origin.path}`;
  }
}

export function stateColor(state: string): string {
  return state === 'active' ? 'green' : state === 'failed' ? 'red' : 'default';
}

/** "1.2 MB" for a byte count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
