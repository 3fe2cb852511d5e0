/**
 * Byte-level writer and reader of the saved index format: varints, float64, raw byte blocks and strings.
 * Strings are written as their UTF-16 length only, their text gathered into one table that is UTF-8
 * encoded (and decoded on load) in a single call, which keeps save and load fast. Owns only this coding;
 * the reader throws `CorruptIndexError` on any read past the end.
 */

import { CorruptIndexError } from '../errors'
import { MAX_VARINT_BYTES, writeVarint } from '../index/varint'

/**
 * Growable output buffer.
 *
 * @example
 * ```ts
 * const writer = new ByteWriter()
 * writer.varint(300); writer.string('غزه')
 * const { strings, structure } = writer.finish()
 * ```
 */
export class ByteWriter {
  private bytes = new Uint8Array(1 << 16)
  private length = 0
  private readonly strings: string[] = []

  varint(value: number): void {
    this.ensure(MAX_VARINT_BYTES)
    this.length = writeVarint(this.bytes, this.length, value)
  }

  byte(value: number): void {
    this.ensure(1)
    this.bytes[this.length++] = value
  }

  float64(value: number): void {
    this.ensure(8)
    new DataView(this.bytes.buffer, this.bytes.byteOffset + this.length, 8).setFloat64(0, value, true)
    this.length += 8
  }

  block(bytes: Uint8Array): void {
    this.varint(bytes.length)
    this.ensure(bytes.length)
    this.bytes.set(bytes, this.length)
    this.length += bytes.length
  }

  /** Raw bytes, without a length (the reader must know it). */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length)
    this.bytes.set(bytes, this.length)
    this.length += bytes.length
  }

  /** The elements of a typed array as raw little-endian bytes, without a length. */
  littleEndian(values: Uint16Array | Uint32Array): void {
    this.raw(littleEndianBytes(values))
  }

  /** Records the string (its text goes to the string table). */
  string(text: string): void {
    this.varint(text.length)
    this.strings.push(text)
  }

  /**
   * The UTF-8 string table, the structure bytes, and the lone surrogates of the table as (offset, code
   * unit) pairs: UTF-8 cannot carry them (the encoder writes U+FFFD), so the caller stores them beside it.
   */
  finish(): { strings: Uint8Array; structure: Uint8Array; loneSurrogates: number[] } {
    const table = this.strings.join('')
    return {
      strings: new TextEncoder().encode(table),
      structure: this.bytes.subarray(0, this.length),
      loneSurrogates: loneSurrogatesOf(table),
    }
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return
    let size = this.bytes.length * 2
    while (size < this.length + extra) size *= 2
    const grown = new Uint8Array(size)
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }
}

/**
 * Reader over structure bytes with the decoded string table.
 *
 * @example
 * ```ts
 * const reader = new ByteReader(structure, stringTable)
 * reader.varint() // → 300
 * ```
 */
export class ByteReader {
  private offset = 0
  private stringOffset = 0

  constructor(
    private readonly bytes: Uint8Array,
    private readonly stringTable: string,
  ) {}

  get atEnd(): boolean {
    return this.offset === this.bytes.length
  }

  /** Bytes read so far. */
  get offsetInBytes(): number {
    return this.offset
  }

  varint(): number {
    const bytes = this.bytes
    let offset = this.offset
    if (offset >= bytes.length) throw truncated()
    const first = bytes[offset]
    if (first < 0x80) {
      this.offset = offset + 1
      return first
    }
    let value = 0
    let multiplier = 1
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (offset >= bytes.length) throw truncated()
      const byte = bytes[offset++]
      value += (byte & 0x7f) * multiplier
      if (byte < 0x80) {
        if (value > 0xffffffff) throw new CorruptIndexError('saved index holds an out-of-range number')
        this.offset = offset
        return value
      }
      multiplier *= 0x80
    }
    throw new CorruptIndexError('saved index holds a malformed number')
  }

  /** A varint that must be at most `max`. */
  bounded(max: number, what: string): number {
    const value = this.varint()
    if (value > max) throw new CorruptIndexError(`saved index has an invalid ${what} (${value} > ${max})`)
    return value
  }

  byte(): number {
    if (this.offset >= this.bytes.length) throw truncated()
    return this.bytes[this.offset++]
  }

  float64(): number {
    if (this.offset + 8 > this.bytes.length) throw truncated()
    const value = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 8).getFloat64(0, true)
    this.offset += 8
    return value
  }

  /**
   * `count` varint lengths, each at most `max` (per-term columns of a saved index): writes each into
   * `lengths` and where each starts, the sum of the lengths before it, into `starts`, plus
   * their total at `starts[count]` (`starts` has more than `count` slots). Returns the total.
   */
  lengths(count: number, max: number, what: string, lengths: Uint32Array, starts: Uint32Array): number {
    const end = readLengths(this.bytes, this.offset, count, max, lengths, starts)
    if (end < 0) {
      throw new CorruptIndexError(
        end === -1 ? 'saved index is truncated' : `saved index has an invalid ${what} (over ${max})`,
      )
    }
    this.offset = end
    return starts[count]
  }

  /** A block written by {@link ByteWriter.block} (a view into the input; copy it to keep it). */
  block(): Uint8Array {
    const length = this.varint()
    if (this.offset + length > this.bytes.length) throw truncated()
    const block = this.bytes.subarray(this.offset, this.offset + length)
    this.offset += length
    return block
  }

  /** The next `length` raw bytes (a view into the input; copy it to keep it). */
  raw(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw truncated()
    const raw = this.bytes.subarray(this.offset, this.offset + length)
    this.offset += length
    return raw
  }

  /** `count` little-endian 16-bit values, as a new array. */
  uint16Array(count: number): Uint16Array {
    const bytes = this.raw(count * 2)
    const values = new Uint16Array(count)
    copyLittleEndian(bytes, values)
    return values
  }

  /** `count` little-endian 32-bit values, as a new array of `capacity` ≥ `count` slots. */
  uint32Array(count: number, capacity = count): Uint32Array {
    const bytes = this.raw(count * 4)
    const values = new Uint32Array(capacity)
    copyLittleEndian(bytes, values)
    return values
  }

  string(): string {
    const length = this.varint()
    if (this.stringOffset + length > this.stringTable.length) throw truncated()
    const text = this.stringTable.slice(this.stringOffset, this.stringOffset + length)
    this.stringOffset += length
    return text
  }

  /** True when every string of the table was read (a consistency check). */
  get stringsConsumed(): boolean {
    return this.stringOffset === this.stringTable.length
  }
}

/**
 * Reads `count` varints, each at most `max`, from `bytes[offset]` into `lengths`, their
 * running sums into `starts` (see {@link ByteReader.lengths}); returns the offset after them, −1 when the
 * bytes end first, −2 for a value over `max` or a malformed varint. A free function with the loop alone:
 * V8 optimises it while it runs, and code after the loop that had not run yet would then deoptimise it on
 * every call.
 */
function readLengths(
  bytes: Uint8Array,
  offset: number,
  count: number,
  max: number,
  lengths: Uint32Array,
  starts: Uint32Array,
): number {
  const end = bytes.length
  let total = 0
  for (let k = 0; k < count; k++) {
    if (offset >= end) return -1
    let byte = bytes[offset++]
    let value = byte & 0x7f
    for (let multiplier = 0x80; byte >= 0x80; multiplier *= 0x80) {
      if (offset >= end) return -1
      if (multiplier > 0x10000000) return -2
      byte = bytes[offset++]
      value += (byte & 0x7f) * multiplier
    }
    if (value > max) return -2
    lengths[k] = value
    starts[k] = total
    total += value
    if (total > 0xffffffff) return -2
  }
  starts[count] = total
  return offset
}

/**
 * `count` varints, each below `limit`, that fill `bytes` exactly; null when they do not (malformed,
 * too few, too many or out of range).
 */
export function decodeVarints(bytes: Uint8Array, count: number, limit: number): Uint32Array | null {
  const values = new Uint32Array(count)
  let offset = 0
  for (let k = 0; k < count; k++) {
    if (offset >= bytes.length) return null
    let byte = bytes[offset++]
    let value = byte & 0x7f
    for (let multiplier = 0x80; byte >= 0x80; multiplier *= 0x80) {
      if (offset >= bytes.length || multiplier > 0x10000000) return null
      byte = bytes[offset++]
      value += (byte & 0x7f) * multiplier
    }
    if (value >= limit) return null
    values[k] = value
  }
  return offset === bytes.length ? values : null
}

/** True on little-endian hosts (all common ones): typed arrays then copy to and from the file as they are. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1

/** The bytes of `values` in little-endian order (a view of them on a little-endian host). */
export function littleEndianBytes(
  values: Uint16Array | Uint32Array,
  hostIsLittleEndian = HOST_IS_LITTLE_ENDIAN,
): Uint8Array {
  if (hostIsLittleEndian) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
  const bytes = new Uint8Array(values.byteLength)
  const view = new DataView(bytes.buffer)
  if (values instanceof Uint16Array)
    for (let i = 0; i < values.length; i++) view.setUint16(i * 2, values[i], true)
  else for (let i = 0; i < values.length; i++) view.setUint32(i * 4, values[i], true)
  return bytes
}

/**
 * Fills the start of `target` from little-endian `bytes` (one memory copy on a little-endian host).
 * `bytes.length` is a multiple of the element size and fits `target`.
 */
export function copyLittleEndian(
  bytes: Uint8Array,
  target: Uint16Array | Uint32Array,
  hostIsLittleEndian = HOST_IS_LITTLE_ENDIAN,
): void {
  if (hostIsLittleEndian) {
    new Uint8Array(target.buffer, target.byteOffset, bytes.length).set(bytes)
    return
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (target instanceof Uint16Array)
    for (let i = 0; i * 2 < bytes.length; i++) target[i] = view.getUint16(i * 2, true)
  else for (let i = 0; i * 4 < bytes.length; i++) target[i] = view.getUint32(i * 4, true)
}

/** Flat (offset, code unit) pairs of the unpaired surrogates of `text` (usually none). */
export function loneSurrogatesOf(text: string): number[] {
  const found: number[] = []
  const wellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed
  if (wellFormed !== undefined ? wellFormed.call(text) : !/[\ud800-\udfff]/.test(text)) return found
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0xd800 || unit > 0xdfff) continue
    if (unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
    }
    found.push(i, unit)
  }
  return found
}

/** Puts the lone surrogates recorded by {@link loneSurrogatesOf} back into the decoded table. */
export function restoreLoneSurrogates(text: string, loneSurrogates: readonly number[]): string {
  if (loneSurrogates.length === 0) return text
  const parts: string[] = []
  let from = 0
  for (let k = 0; k < loneSurrogates.length; k += 2) {
    const offset = loneSurrogates[k]
    const unit = loneSurrogates[k + 1]
    const valid = offset >= from && offset < text.length && unit >= 0xd800 && unit <= 0xdfff
    if (!valid || text.charCodeAt(offset) !== 0xfffd) {
      throw new CorruptIndexError('saved index has an invalid surrogate list')
    }
    parts.push(text.slice(from, offset), String.fromCharCode(unit))
    from = offset + 1
  }
  parts.push(text.slice(from))
  return parts.join('')
}

function truncated(): CorruptIndexError {
  return new CorruptIndexError('saved index is truncated')
}
