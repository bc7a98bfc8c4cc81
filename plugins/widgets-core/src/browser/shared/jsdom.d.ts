// The part of jsdom's API the tests use. Declared here rather than pulling in @types/jsdom for one constructor.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: { pretendToBeVisual?: boolean; url?: string });
    readonly window: Window & typeof globalThis;
  }
}
