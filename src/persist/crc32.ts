/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial) over bytes: the checksum of saved indexes. Owns only the
 * checksum.
 */

let table: Int32Array | null = null

/** True on little-endian hosts, where four bytes read as one 32-bit word are in CRC order. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1

/** The shape of Node's `zlib.crc32` (Node 20.15 and 22.2 on): the same CRC-32, continued from `value`. */
type NativeCrc32 = (data: Uint8Array, value?: number) => number

/**
 * Node's own CRC-32 (zlib's, several times faster than the table loop below: about 1 ms against 4 for a
 * 6.5 MB index), reached through `process.getBuiltinModule` (Node 20.16 and 22.3 on) so that the library
 * imports no Node module and still runs unchanged in browsers and workers, where it is null. Looked up on
 * the first checksum (undefined until then), not at import.
 */
let nativeCrc32: NativeCrc32 | null | undefined

function hostCrc32(): NativeCrc32 | null {
  if (nativeCrc32 === undefined) nativeCrc32 = findNativeCrc32()
  return nativeCrc32
}

function findNativeCrc32(): NativeCrc32 | null {
  try {
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    const zlib = host?.getBuiltinModule?.('node:zlib') as { crc32?: unknown } | undefined
    const crc = zlib?.crc32
    if (typeof crc !== 'function') return null
    const native = crc as NativeCrc32
    // Trust it only if it computes this CRC (the check value of the polynomial's catalogue entry).
    return native(Uint8Array.of(0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39)) === 0xcbf43926
      ? native
      : null
  } catch {
    return null
  }
}

/** Whether {@link crc32} can use the host's native CRC-32 (Node 20.16 and 22.3 on). */
export function hasNativeCrc32(): boolean {
  return hostCrc32() !== null
}

/**
 * How {@link crc32} reads: `native` the host's zlib (else as `words`), `words` the bulk as 32-bit words
 * (little-endian hosts; else as `bytes`), `bytes` byte by byte (any host). All give the same result.
 */
export type Crc32Method = 'native' | 'words' | 'bytes'

/**
 * Sixteen 256-entry tables, one after the other ("slicing by 16"): table k maps a byte to the CRC of that
 * byte followed by k zero bytes, so the loop consumes sixteen bytes per step with sixteen independent
 * lookups (16 KB of tables: they stay in the L1 cache).
 */
function crcTable(): Int32Array {
  if (table === null) {
    table = new Int32Array(16 * 256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      table[n] = c
    }
    for (let n = 0; n < 256; n++) {
      for (let k = 1; k < 16; k++) {
        const previous = table[(k - 1) * 256 + n]
        table[k * 256 + n] = table[previous & 0xff] ^ (previous >>> 8)
      }
    }
  }
  return table
}

/**
 * CRC-32 of `bytes[start, end)`, as an unsigned 32-bit number. `method` (default: the fastest the host
 * offers, see {@link Crc32Method}) is for tests; every method gives the same result.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')) // → 0xcbf43926
 * ```
 */
export function crc32(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  method: Crc32Method = 'native',
): number {
  const native = method === 'native' ? hostCrc32() : null
  if (native !== null) {
    return native(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end)) >>> 0
  }
  const lookup = crcTable()
  // Single bytes up to a 4-byte boundary of the buffer, so the bulk can be read as 32-bit words. Each loop
  // is a function of its own: V8 optimises a loop while it runs, and code after it that had not run yet
  // (the tail) would deoptimise it again.
  let aligned = start
  while (aligned < end && ((bytes.byteOffset + aligned) & 3) !== 0) aligned++
  let crc = crcOfBytes(lookup, -1, bytes, start, aligned)
  const bulkEnd = aligned + ((end - aligned) & ~15)
  if (method !== 'bytes' && HOST_IS_LITTLE_ENDIAN && bulkEnd > aligned) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset + aligned, (bulkEnd - aligned) >>> 2)
    // In calls of 64 KB: V8 optimises a function called again and again sooner than one long loop.
    for (let from = 0; from < words.length; from += 16384) {
      crc = crcOfWords(lookup, crc, words, from, Math.min(words.length, from + 16384))
    }
  } else crc = crcOfBlocks(lookup, crc, bytes, aligned, bulkEnd)
  crc = crcOfBytes(lookup, crc, bytes, bulkEnd, end)
  return (crc ^ -1) >>> 0
}

/** The running `crc` continued over `bytes[from, to)`, byte by byte. */
function crcOfBytes(lookup: Int32Array, crc: number, bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) crc = lookup[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)
  return crc
}

/** The running `crc` continued over `words[from, to)` (little-endian; a multiple of 4), 16 bytes a step. */
function crcOfWords(lookup: Int32Array, crc: number, words: Int32Array, from: number, to: number): number {
  for (let w = from; w + 4 <= to; w += 4) {
    crc ^= words[w]
    const b = words[w + 1]
    const c = words[w + 2]
    const d = words[w + 3]
    crc =
      lookup[3840 + (crc & 0xff)] ^
      lookup[3584 + ((crc >>> 8) & 0xff)] ^
      lookup[3328 + ((crc >>> 16) & 0xff)] ^
      lookup[3072 + (crc >>> 24)] ^
      lookup[2816 + (b & 0xff)] ^
      lookup[2560 + ((b >>> 8) & 0xff)] ^
      lookup[2304 + ((b >>> 16) & 0xff)] ^
      lookup[2048 + (b >>> 24)] ^
      lookup[1792 + (c & 0xff)] ^
      lookup[1536 + ((c >>> 8) & 0xff)] ^
      lookup[1280 + ((c >>> 16) & 0xff)] ^
      lookup[1024 + (c >>> 24)] ^
      lookup[768 + (d & 0xff)] ^
      lookup[512 + ((d >>> 8) & 0xff)] ^
      lookup[256 + ((d >>> 16) & 0xff)] ^
      lookup[d >>> 24]
  }
  return crc
}

/** {@link crcOfWords} reading bytes (any host), over `bytes[from, to)` (a multiple of sixteen bytes). */
function crcOfBlocks(lookup: Int32Array, crc: number, bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i + 16 <= to; i += 16) {
    crc ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)
    crc =
      lookup[3840 + (crc & 0xff)] ^
      lookup[3584 + ((crc >>> 8) & 0xff)] ^
      lookup[3328 + ((crc >>> 16) & 0xff)] ^
      lookup[3072 + (crc >>> 24)] ^
      lookup[2816 + bytes[i + 4]] ^
      lookup[2560 + bytes[i + 5]] ^
      lookup[2304 + bytes[i + 6]] ^
      lookup[2048 + bytes[i + 7]] ^
      lookup[1792 + bytes[i + 8]] ^
      lookup[1536 + bytes[i + 9]] ^
      lookup[1280 + bytes[i + 10]] ^
      lookup[1024 + bytes[i + 11]] ^
      lookup[768 + bytes[i + 12]] ^
      lookup[512 + bytes[i + 13]] ^
      lookup[256 + bytes[i + 14]] ^
      lookup[bytes[i + 15]]
  }
  return crc
}
