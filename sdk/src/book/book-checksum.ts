import type { BookLevels } from './book-frame.ts';

/** Fixed decimals to write prices and sizes with, as the exchange's instrument list gives them. */
export interface ChecksumDecimals {
  price: number;
  size: number;
}

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    crcTable[byte] = crc >>> 0;
  }
  return crcTable;
}

/** CRC-32 (IEEE 802.3, as zlib and PNG) of an ASCII string, as an unsigned 32-bit integer. */
export function crc32(text: string): number {
  const lookup = table();
  let crc = 0xffffffff;
  for (let index = 0; index < text.length; index++) {
    crc = (lookup[(crc ^ text.charCodeAt(index)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A number in plain decimal notation: fixed decimals when given, else JS's shortest round-trip form without an exponent. */
function decimal(value: number, decimals: number | undefined): string {
  if (decimals !== undefined) return value.toFixed(decimals);
  const shortest = String(value);
  if (!shortest.includes('e')) return shortest;
  // Only below 1e-6 (or from 1e21): write it out and drop the trailing zeros toFixed adds.
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** Kraken's per-number form: the decimal point removed, then the leading zeros. */
function krakenNumber(value: number, decimals: number | undefined): string {
  return decimal(value, decimals).replace('.', '').replace(/^0+/, '');
}

/**
 * The string `bookChecksum` hashes (Kraken's book checksum): for each of the top 10 asks (lowest price
 * first), then each of the top 10 bids (highest first), the price and then the size, each with the
 * decimal point removed and leading zeros stripped, all concatenated with no separator.
 */
export function bookChecksumString(book: { bids: BookLevels; asks: BookLevels }, decimals?: ChecksumDecimals): string {
  let text = '';
  for (const levels of [book.asks, book.bids]) {
    const count = Math.min(10, levels.price.length);
    for (let index = 0; index < count; index++) {
      text += krakenNumber(levels.price[index] as number, decimals?.price);
      text += krakenNumber(levels.size[index] as number, decimals?.size);
    }
  }
  return text;
}

/**
 * Checksum of a book's top 10 levels per side, following Kraken's convention (spot WebSocket `book`
 * channel): CRC-32 of `bookChecksumString`, as an unsigned 32-bit integer. Kraken writes numbers with
 * each pair's fixed decimals; pass them as `decimals` to reproduce Kraken's value exactly. Without
 * them (Nautilus' own books) numbers are written in JS's shortest round-trip form, which every
 * producer and consumer of a BookFrame computes identically. Levels must be best first, as in frames.
 * @example bookChecksum({ bids: { price: [99.5], size: [3] }, asks: { price: [100], size: [2] } }) // crc32('1002995' + '3')
 */
export function bookChecksum(book: { bids: BookLevels; asks: BookLevels }, decimals?: ChecksumDecimals): number {
  return crc32(bookChecksumString(book, decimals));
}
