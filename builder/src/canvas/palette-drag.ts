/** The MIME type a palette item puts on the drag: the widget's panel type. */
export const WIDGET_DRAG_TYPE = 'application/x-nautilus-widget';

/** The widget being dragged from the palette, with its size. */
export interface DraggedWidget {
  type: string;
  w: number;
  h: number;
}

// Browsers hide dataTransfer's data until the drop; the canvas needs the size while hovering.
let current: DraggedWidget | undefined;

export function startWidgetDrag(widget: DraggedWidget): void {
  current = widget;
}

export function endWidgetDrag(): void {
  current = undefined;
}

export function draggedWidget(): DraggedWidget | undefined {
  return current;
}
