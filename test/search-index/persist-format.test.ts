import { describe, expect, it } from 'vitest'
import { SearchIndex } from '../../src/index'
import { copyLittleEndian, littleEndianBytes } from '../../src/persist/byte-stream'
import { crc32, hasNativeCrc32 } from '../../src/persist/crc32'

/** Bit-at-a-time CRC-32, the definition. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

describe('saved-index building blocks', () => {
  it('crc32 (native, word reads and byte reads) equals the definition at every alignment and length', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    const buffer = Uint8Array.from({ length: 300 }, (_, i) => (i * 2654435761) >>> 24)
    for (let start = 0; start < 8; start++) {
      for (const length of [0, 1, 3, 15, 16, 17, 33, 64, 100, 250]) {
        const bytes = buffer.subarray(start, start + length)
        const expected = referenceCrc32(bytes)
        expect(crc32(bytes)).toBe(expected)
        for (const method of ['native', 'words', 'bytes'] as const) {
          expect(crc32(bytes, 0, bytes.length, method)).toBe(expected)
          expect(crc32(buffer, start, start + length, method)).toBe(expected)
        }
      }
    }
  })

  it("crc32 uses the host's zlib where Node offers process.getBuiltinModule (20.16 and 22.3 on)", () => {
    const host = process as { getBuiltinModule?: unknown }
    expect(hasNativeCrc32()).toBe(typeof host.getBuiltinModule === 'function')
  })

  it('typed arrays go to and from little-endian bytes on either kind of host', () => {
    const words = Uint32Array.of(1, 0x01020304, 0xffffffff)
    const units = Uint16Array.of(0x0627, 0xd800, 1)
    const expectedWords = [1, 0, 0, 0, 4, 3, 2, 1, 255, 255, 255, 255]
    const expectedUnits = [0x27, 0x06, 0x00, 0xd8, 1, 0]
    for (const host of [true, false]) {
      expect(Array.from(littleEndianBytes(words, host))).toEqual(expectedWords)
      expect(Array.from(littleEndianBytes(units, host))).toEqual(expectedUnits)
      const wordsBack = new Uint32Array(4)
      copyLittleEndian(Uint8Array.from(expectedWords), wordsBack, host)
      expect(Array.from(wordsBack)).toEqual([...words, 0])
      const unitsBack = new Uint16Array(3)
      copyLittleEndian(Uint8Array.from(expectedUnits), unitsBack, host)
      expect(Array.from(unitsBack)).toEqual(Array.from(units))
    }
  })

  it('loads from an unaligned view and is independent of the bytes it was given', () => {
    const index = new SearchIndex({ fields: ['body'] })
    index.addAll([
      { id: 1, body: 'کتاب مدرسه' },
      { id: 2, body: 'کتابخانه شهر' },
    ])
    const bytes = index.save()
    const shifted = new Uint8Array(bytes.length + 3)
    shifted.set(bytes, 3)
    const view = shifted.subarray(3)
    const loaded = SearchIndex.load(view)
    view.fill(0)
    expect(loaded.search('کتاب', { prefix: true }).map((hit) => hit.id)).toEqual(
      index.search('کتاب', { prefix: true }).map((hit) => hit.id),
    )
    expect(loaded.save()).toEqual(bytes)
  })
})
