// A reader for the one source-map feature the runtime needs: generated position → original position.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** A position in an original source: line 1-based, column 0-based, as source maps count. */
export interface OriginalPosition {
  source: string;
  line: number;
  column: number;
}

/** Segments of one generated line: [generatedColumn, sourceIndex, sourceLine, sourceColumn] flattened. */
type LineSegments = number[];

/** Decodes one base64 VLQ segment into its signed integers. */
export function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`Invalid base64 VLQ character '${char}'`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * Returns a lookup from a generated position (line 1-based, column 0-based) to the original position
 * of the closest mapping at or before it on that line; undefined where nothing maps.
 */
export function createSourceMapLookup(mapJson: string): (line: number, column: number) => OriginalPosition | undefined {
  const map = JSON.parse(mapJson) as { sources: string[]; mappings: string };
  const lines: LineSegments[] = [];
  let sourceIndex = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of map.mappings.split(';')) {
    const segments: LineSegments = [];
    let generatedColumn = 0;
    for (const segment of lineText.split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      generatedColumn += fields[0] ?? 0;
      if (fields.length < 4) continue;
      sourceIndex += fields[1]!;
      sourceLine += fields[2]!;
      sourceColumn += fields[3]!;
      segments.push(generatedColumn, sourceIndex, sourceLine, sourceColumn);
    }
    lines.push(segments);
  }
  return (line, column) => {
    const segments = lines[line - 1];
    if (segments === undefined) return undefined;
    let found = -1;
    for (let index = 0; index < segments.length && segments[index]! <= column; index += 4) found = index;
    if (found < 0) return undefined;
    return { source: map.sources[segments[found + 1]!] ?? '', line: segments[found + 2]! + 1, column: segments[found + 3]! };
  };
}
