/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial) over bytes: the checksum of saved indexes. Owns only the
 * checksum.
 */

let table: Uint32Array | null = null

function crcTable(): Uint32Array {
  if (table === null) {
    table = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      table[n] = c >>> 0
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
  for (let i = start; i < end; i++) crc = lookup[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
