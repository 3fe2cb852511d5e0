/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial) over bytes: the checksum of saved indexes. Owns only the
 * checksum.
 */

let table: Uint32Array | null = null

/**
 * Four 256-entry tables, one after the other ("slicing by 4"): table k maps a byte to the CRC of that byte
 * followed by k zero bytes, so the loop consumes four bytes per step with four independent lookups.
 */
function crcTable(): Uint32Array {
  if (table === null) {
    table = new Uint32Array(4 * 256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      table[n] = c >>> 0
    }
    for (let n = 0; n < 256; n++) {
      for (let k = 1; k < 4; k++) {
        const previous = table[(k - 1) * 256 + n]
        table[k * 256 + n] = (table[previous & 0xff] ^ (previous >>> 8)) >>> 0
      }
    }
  }
  return table
}

/**
 * CRC-32 of `bytes[start, end)`, as an unsigned 32-bit number.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')) // → 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const lookup = crcTable()
  let crc = 0xffffffff
  let i = start
  for (; i + 4 <= end; i += 4) {
    crc ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)
    crc =
      lookup[768 + (crc & 0xff)] ^
      lookup[512 + ((crc >>> 8) & 0xff)] ^
      lookup[256 + ((crc >>> 16) & 0xff)] ^
      lookup[crc >>> 24]
  }
  for (; i < end; i++) crc = lookup[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
