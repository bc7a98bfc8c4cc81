import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './same-origin.ts';

describe('isSameOrigin', () => {
  it('accepts the origin of the host the request went to', () => {
    expect(isSameOrigin('http://127.0.0.1:3000', 'http://127.0.0.1:3000/trpc/x')).toBe(true);
    expect(isSameOrigin('https://nautilus.example', 'http://nautilus.example/trpc/x')).toBe(true);
  });

  it('refuses other hosts and anything that is not a serialised http(s) origin', () => {
    const url = 'http://127.0.0.1:3000/trpc/x';
    for (const origin of [
      'http://evil.example',
      'http://127.0.0.1:3001',
      'null',
      '',
      'garbage',
      'http://',
      'http://[',
      'file:///etc',
      'http://127.0.0.1:3000/path',
      'http://user@127.0.0.1:3000',
      'HTTP://127.0.0.1:3000',
      'javascript:alert(1)',
    ]) {
      expect(isSameOrigin(origin, url), origin).toBe(false);
    }
  });
});
