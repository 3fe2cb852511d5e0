/**
 * Unsigned LEB128 variable-length integers ("varints"), the unit of every posting list and of the saved
 * index format. Owns only the byte-level coding; knows nothing about postings or documents.
 *
 * Values are non-negative integers below 2^32; each byte carries 7 bits, low bits first, high bit set
 * when more bytes follow. Small numbers (doc-id gaps, term frequencies, position gaps) take one byte.
 */

/** Largest number of bytes one varint of a value below 2^32 can take. */
export const MAX_VARINT_BYTES = 5

/**
 * Writes `value` at `bytes[offset]` and returns the offset just past it. The caller guarantees room for
 * {@link MAX_VARINT_BYTES} bytes.
 *
 * @example
 * ```ts
 * const buffer = new Uint8Array(5)
 * writeVarint(buffer, 0, 300) // → 2 (bytes 0xac 0x02)
 * ```
 */
export function writeVarint(bytes: Uint8Array, offset: number, value: number): number {
  let remaining = value >>> 0
  while (remaining >= 0x80) {
    bytes[offset++] = (remaining & 0x7f) | 0x80
    remaining >>>= 7
  }
  bytes[offset++] = remaining
  return offset
}

/**
 * Number of bytes {@link writeVarint} uses for `value`.
 *
 * @example
 * ```ts
 * varintLength(127) // → 1
 * varintLength(128) // → 2
 * ```
 */
export function varintLength(value: number): number {
  if (value < 0x80) return 1
  if (value < 0x4000) return 2
  if (value < 0x200000) return 3
  if (value < 0x10000000) return 4
  return 5
}
