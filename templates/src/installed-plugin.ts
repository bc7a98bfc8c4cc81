import type { FrameKind } from '@nautilus/sdk';

/**
 * What the templates code needs to know of one plugin on this server (core builds it from the plugin
 * host's statuses): its version and manifest digest, whether it runs, and what it contributes.
 */
export interface InstalledPlugin {
  id: string;
  version: string | null;
  /** `active`: set up and serving; `failed`: present but refused or crashed. */
  state: 'active' | 'failed';
  /** `sha256:<hex>` of its manifest, null when not known. */
  digest: string | null;
  dataSources: { id: string; name: string; frames: FrameKind[] }[];
  widgets: string[];
}
