/** A WebSocket close reason fits in 123 bytes (RFC 6455); a longer one is cut, never mid-character. */
export function closeReason(reason: string): string {
  const bytes = Buffer.from(reason);
  if (bytes.length <= 123) return reason;
  return bytes
    .subarray(0, 123)
    .toString()
    .replace(/\uFFFD+$/, '');
}
