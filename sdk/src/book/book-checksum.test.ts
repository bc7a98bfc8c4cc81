import { describe, expect, it } from 'vitest';
import { bookChecksum, bookChecksumString, crc32 } from '../index.ts';

// Expected CRCs were computed with Python's zlib.crc32, an implementation independent of this one.
const ZLIB_CRC32: Record<string, number> = {
  '': 0,
  '0': 4108050209,
  '452852100000': 2099347975,
  ['1002995'.repeat(40)]: 3010377192,
  '45285210000045283550000000': 173915329,
  '10011011102110311041105110611071108110919953': 727986695,
};

describe('bookChecksum', () => {
  it('computes the standard CRC-32 (check value of "123456789", and zlib on other strings)', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    for (const [text, expected] of Object.entries(ZLIB_CRC32)) expect(crc32(text)).toBe(expected);
  });

  it("writes levels the way Kraken's guide does (asks low to high, then bids, dot and leading zeros removed)", () => {
    // Kraken's worked example: price "45285.2" qty "0.00100000" gives "452852100000"; "0.05000" with volume "0.00000304" gives "5000304".
    const book = { asks: { price: [45285.2], size: [0.001] }, bids: { price: [45283.5], size: [0.5] } };
    expect(bookChecksumString(book, { price: 1, size: 8 })).toBe('452852100000' + '45283550000000');
    expect(
      bookChecksumString({ asks: { price: [0.05], size: [0.00000304] }, bids: { price: [], size: [] } }, { price: 5, size: 8 }),
    ).toBe('5000304');
    expect(bookChecksum(book, { price: 1, size: 8 })).toBe(ZLIB_CRC32['45285210000045283550000000']);
  });

  it('uses the shortest form without decimals, only the top 10 levels, and no exponents', () => {
    const ten = Array.from({ length: 12 }, (_, index) => 100 + index);
    const book = { asks: { price: ten, size: ten.map(() => 1e-7) }, bids: { price: [99.5], size: [3] } };
    const text = bookChecksumString(book);
    expect(text).toBe(
      `${ten
        .slice(0, 10)
        .map((price) => `${price}1`)
        .join('')}9953`,
    );
    expect(bookChecksum(book)).toBe(ZLIB_CRC32[text]);
  });
});
