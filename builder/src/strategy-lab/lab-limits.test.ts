import type { LimitSet } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { readLabLimits, writeLabLimits } from './lab-limits.ts';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

const set: LimitSet = { limits: [{ kind: 'maxPosition', hard: 100 }], onHardBreach: 'deny' };

describe('lab limits storage', () => {
  it('remembers limits per strategy', () => {
    const storage = memoryStorage();
    writeLabLimits(storage, 's1', { enabled: true, set });
    expect(readLabLimits(storage, 's1')).toEqual({ enabled: true, set });
    expect(readLabLimits(storage, 's2')).toBeUndefined();
  });

  it('keeps an unfinished limit (no hard threshold yet) so it is not retyped', () => {
    const storage = memoryStorage();
    const unfinished = { limits: [{ kind: 'maxPosition' }], onHardBreach: 'halt' } as unknown as LimitSet;
    writeLabLimits(storage, 's1', { enabled: false, set: unfinished });
    expect(readLabLimits(storage, 's1')).toEqual({ enabled: false, set: unfinished });
  });

  it('ignores what is not a limit set, and a storage that throws', () => {
    const storage = memoryStorage();
    for (const junk of ['{', '{"enabled":true,"set":{"limits":[1],"onHardBreach":"deny"}}', '{"enabled":"yes","set":{}}']) {
      storage.values.set('nautilus.lab.limits.s1', junk);
      expect(readLabLimits(storage, 's1')).toBeUndefined();
    }
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readLabLimits(broken, 's1')).toBeUndefined();
    expect(() => writeLabLimits(broken, 's1', { enabled: true, set })).not.toThrow();
  });
});
