import type { Frame, PanelTransform } from '@nautilus/sdk';
import { useEffect, useMemo, useState } from 'react';

type Apply = typeof import('@nautilus/indicators').applyPanelTransforms;

let loading: Promise<Apply> | undefined;
const loadIndicators = (): Promise<Apply> => {
  loading ??= import('@nautilus/indicators').then(
    (module) => module.applyPanelTransforms,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
};

/**
 * The panel's frames with its indicator transforms applied (the same code strategies run). The
 * indicators' code (trading-signals, ~30 KB gzipped) loads only once a panel has transforms, so
 * dashboards without any do not pay for it; until it has loaded the bars show alone.
 */
export function usePanelTransforms(frames: readonly Frame[], transforms: readonly PanelTransform[] | undefined): Frame[] {
  const needed = transforms !== undefined && transforms.length > 0;
  const [apply, setApply] = useState<Apply | undefined>(undefined);
  useEffect(() => {
    if (!needed || apply) return;
    let current = true;
    void loadIndicators().then((loaded) => {
      if (current) setApply(() => loaded);
    });
    return () => {
      current = false;
    };
  }, [needed, apply]);
  return useMemo(() => (needed && apply ? apply(frames, transforms) : (frames as Frame[])), [frames, transforms, needed, apply]);
}
