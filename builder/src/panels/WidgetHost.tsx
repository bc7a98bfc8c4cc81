import type { Frame } from '@nautilus/sdk';
import { useEffect, useRef } from 'react';
import type { WidgetInfo } from '../api/types.ts';
import { WidgetController, type WidgetStatus } from './widget-controller.ts';
import { widgetRegistry } from './widget-registry.ts';

export interface WidgetHostProps {
  widget: WidgetInfo;
  frames: readonly Frame[];
  options: Record<string, unknown>;
  theme: 'dark' | 'light';
  timeRange: { from: number; to: number };
  onStatus: (status: WidgetStatus) => void;
  /**
   * The fetched result `frames` derive from (the history query's data). When frames change while it,
   * the options, theme and time range stay the same, the change is a live update of data already
   * shown (a tick, a book delta), which the widget redraws without a loading state.
   */
  fetched?: unknown;
}

/**
 * Mounts a widget from its plugin's bundle into a div it owns, hands it new props when they change,
 * passes size changes on, and destroys it on unmount. The widget's failures come back through
 * `onStatus`; they never throw into React.
 */
export function WidgetHost({ widget, frames, options, theme, timeRange, onStatus, fetched }: WidgetHostProps) {
  const elementRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<WidgetController>(null);
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;

  // One controller per mounted widget; the panel remounts this component when the widget type changes.
  useEffect(() => {
    const element = elementRef.current!;
    const controller = new WidgetController({
      element,
      load: () => widgetRegistry.load(widget),
      onStatus: (status) => onStatusRef.current(status),
      plugin: widget.pluginId,
    });
    controllerRef.current = controller;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (box && box.width > 0 && box.height > 0) controller.resize(Math.floor(box.width), Math.floor(box.height));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      controller.destroy();
      controllerRef.current = null;
      element.replaceChildren();
    };
  }, [widget]);

  const lastHandedRef = useRef<readonly unknown[] | undefined>(undefined);
  useEffect(() => {
    const element = elementRef.current!;
    const inputs = [fetched, options, theme, timeRange] as const;
    const previous = lastHandedRef.current;
    const live = fetched !== undefined && previous !== undefined && inputs.every((input, index) => input === previous[index]);
    lastHandedRef.current = inputs;
    controllerRef.current?.setProps(
      {
        frames: frames as Frame[],
        options,
        theme,
        timeRange,
        width: Math.floor(element.clientWidth),
        height: Math.floor(element.clientHeight),
      },
      { live },
    );
  }, [frames, options, theme, timeRange, fetched]);

  return <div ref={elementRef} className="nautilus-widget" />;
}
