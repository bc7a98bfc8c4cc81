import type { WidgetImplementation, WidgetInstance, WidgetProps } from '@nautilus/sdk';
import { WidgetLoadError } from './widget-registry.ts';

/** Where one mounted widget stands: drawing, drawn what it was last given, or failed. */
export type WidgetStatus = { status: 'loading' } | { status: 'drawn' } | { status: 'error'; message: string; plugin: string };

/**
 * Drives one widget instance in an element it does not own: mounts it with the first props, hands it
 * each later set of props one at a time (only the newest if several arrive while it draws), passes size
 * changes straight through, and turns anything the widget throws or rejects into an `error` status,
 * so a broken widget only breaks its own panel.
 */
export class WidgetController {
  readonly #element: HTMLElement;
  readonly #load: () => Promise<WidgetImplementation>;
  readonly #onStatus: (status: WidgetStatus) => void;
  readonly #plugin: string;
  #instance: WidgetInstance | undefined;
  #pending: WidgetProps | undefined;
  #size: { width: number; height: number } | undefined;
  /** Whether the props waiting to be drawn include a load (not only live updates of data already drawn). */
  #pendingLoad = false;
  #reported: WidgetStatus['status'] | undefined;
  #drawing = false;
  #destroyed = false;

  constructor(options: {
    element: HTMLElement;
    load: () => Promise<WidgetImplementation>;
    onStatus: (status: WidgetStatus) => void;
    plugin: string;
  }) {
    this.#element = options.element;
    this.#load = options.load;
    this.#onStatus = options.onStatus;
    this.#plugin = options.plugin;
  }

  /**
   * New frames, options, theme or time range: mounts on the first call, updates after. A load
   * (the default) reports `loading` until drawn. `live: true` says these props are a live update of
   * data already shown (a tick of the forming bar, a book delta): decision — that is not a load, so
   * once the widget has drawn, the status stays `drawn` while it redraws (no loading state, no
   * aria-busy flicker many times a second); a fetch of new data still shows loading.
   */
  setProps(props: WidgetProps, options: { live?: boolean } = {}): void {
    if (this.#destroyed) return;
    this.#pending = props;
    // A live update with nothing drawn or mounting is all there is to show: a load.
    if (!options.live || (!this.#instance && !this.#drawing)) this.#pendingLoad = true;
    void this.#drain();
  }

  /** The element's new size in CSS pixels. */
  resize(width: number, height: number): void {
    if (this.#destroyed || (this.#size?.width === width && this.#size.height === height)) return;
    this.#size = { width, height };
    if (!this.#instance) return; // mount reads the size when it runs
    try {
      this.#instance.resize(width, height);
    } catch (error) {
      this.#fail(error);
    }
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    const instance = this.#instance;
    this.#instance = undefined;
    try {
      instance?.destroy();
    } catch {
      // The panel is going away; nothing is left to show the error in.
    }
  }

  async #drain(): Promise<void> {
    if (this.#drawing) return;
    this.#drawing = true;
    try {
      while (this.#pending && !this.#destroyed) {
        const props = this.#sized(this.#pending);
        this.#pending = undefined;
        if (this.#pendingLoad) this.#report({ status: 'loading' });
        this.#pendingLoad = false;
        try {
          await this.#draw(props);
          // Drawn once the load is on screen, even with live updates already waiting: a stream that
          // ticks faster than the widget draws (a busy book) would otherwise keep it "loading" for good.
          if (!this.#pendingLoad && !this.#destroyed) this.#report({ status: 'drawn' });
        } catch (error) {
          this.#fail(error);
        }
      }
    } finally {
      this.#drawing = false;
    }
  }

  async #draw(props: WidgetProps): Promise<void> {
    if (this.#instance) {
      await this.#instance.update(props);
      return;
    }
    const implementation = await this.#load();
    if (this.#destroyed) return;
    let instance: WidgetInstance;
    try {
      instance = await implementation.mount(this.#element, props);
    } catch (error) {
      // Whatever a failed mount left behind must not stay under the error message.
      this.#element.replaceChildren();
      throw error;
    }
    if (this.#destroyed) {
      instance.destroy();
      return;
    }
    if (typeof instance?.update !== 'function') {
      this.#element.replaceChildren();
      throw new Error('mount() did not return an instance with update(), resize() and destroy()');
    }
    this.#instance = instance;
    // The panel may have been resized while the widget was mounting.
    if (this.#size && (this.#size.width !== props.width || this.#size.height !== props.height)) {
      instance.resize(this.#size.width, this.#size.height);
    }
  }

  /** Tells the panel a status, once per change for loading and drawn (an error is always told). */
  #report(status: WidgetStatus): void {
    if (status.status !== 'error' && status.status === this.#reported) return;
    this.#reported = status.status;
    this.#onStatus(status);
  }

  #sized(props: WidgetProps): WidgetProps {
    return this.#size ? { ...props, width: this.#size.width, height: this.#size.height } : props;
  }

  #fail(error: unknown): void {
    if (this.#destroyed) return;
    const message = error instanceof Error ? error.message : String(error);
    const plugin = error instanceof WidgetLoadError ? error.plugin : this.#plugin;
    this.#report({ status: 'error', message: message || 'The widget failed without a message.', plugin });
  }
}
