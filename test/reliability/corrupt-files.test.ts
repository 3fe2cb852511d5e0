/**
 * Saved-index robustness: load() of empty, truncated, bit-flipped, foreign, newer-version and crafted
 * (checksum recomputed over inconsistent data) bytes throws a typed error and never returns a half-loaded
 * index; whatever does load is consistent (every query, compaction and re-save works). Also: text the
 * UTF-8 string table cannot carry (lone surrogates) survives save/load exactly.
 * (test/search-index/persistence.test.ts covers the basic cases; this extends them.)
 */

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CorruptIndexError, IncompatibleIndexError, KavoshError, SearchIndex } from '../../src/index'
import { crc32 } from '../../src/persist/crc32'
import { VOCABULARY } from '../search-index/helpers'
import { count, PROBE_QUERIES, report, snapshot } from './helpers'

function sampleIndex(): SearchIndex {
  const index = new SearchIndex({
    fields: ['title', 'body'],
    storeFields: ['title', 'source', 'date', 'tags'],
    autoCompact: false,
  })
  index.addAll(
    Array.from({ length: 30 }, (_, i) => ({
      id: i % 2 === 0 ? i : `s${i}\ud800`,
      title: `${VOCABULARY[i % 20]} ${VOCABULARY[(i * 3) % 20]}`,
      body: Array.from({ length: 10 }, (_, k) => VOCABULARY[(i * 7 + k * 5) % VOCABULARY.length]).join(' '),
      source: i % 3 === 0 ? 'irna' : `isna\udc00${i}`,
      date: new Date(Date.UTC(2024, 0, 1 + i)),
      tags: i % 4 === 0 ? ['a', { b: i }] : null,
    })),
  )
  index.remove(4)
  index.remove('s5\ud800')
  return index
}

/** Loads `bytes`; on success checks the index is usable end to end, else expects a typed error. */
function loadOrTypedError(bytes: Uint8Array): 'loaded' | 'rejected' {
  let loaded: SearchIndex
  try {
    loaded = SearchIndex.load(bytes)
  } catch (error) {
    if (!(error instanceof CorruptIndexError || error instanceof IncompatibleIndexError)) throw error
    return 'rejected'
  }
  for (const query of PROBE_QUERIES) {
    for (const hit of loaded.search(query, { limit: Number.POSITIVE_INFINITY, prefix: true, fuzzy: 1 })) {
      expect(loaded.has(hit.id)).toBe(true)
      expect(Number.isFinite(hit.score)).toBe(true)
    }
    loaded.suggest(query)
  }
  const again = SearchIndex.load(loaded.save())
  loaded.compact()
  expect(again.size).toBe(loaded.size)
  return 'loaded'
}

/** `bytes` with the header's payload length and checksum recomputed (a "valid" file with bad content). */
function resealed(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  view.setUint32(8, bytes.length - 16, true)
  view.setUint32(12, crc32(bytes, 16), true)
  return bytes
}

describe('load() of bad bytes: a typed error, never a half-loaded index', () => {
  const bytes = sampleIndex().save()

  it('empty, foreign (PNG, JSON, gzip, text, zeros, random) and non-Uint8Array input', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(7)])
    const gzip = Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, ...new Array(40).fill(0)])
    const foreign = [
      new Uint8Array(0),
      png,
      gzip,
      new TextEncoder().encode(JSON.stringify({ fields: ['body'], documents: [] })),
      new TextEncoder().encode('KVSH'),
      new Uint8Array(1024),
      Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24),
    ]
    for (const input of foreign) expect(() => SearchIndex.load(input)).toThrow(CorruptIndexError)
    // Text that happens to start with the magic reads as some far-future version: still typed.
    const text = new TextEncoder().encode('KVSH but not really an index, only text')
    expect(() => SearchIndex.load(text)).toThrow(KavoshError)
    for (const input of [null, undefined, 'KVSH', [75, 86, 83, 72], bytes.buffer, new Uint16Array(8)]) {
      expect(() => SearchIndex.load(input as never)).toThrow(CorruptIndexError)
    }
  })

  it('every truncation and every extension', () => {
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => SearchIndex.load(bytes.subarray(0, cut))).toThrow(CorruptIndexError)
    }
    for (const extra of [1, 7, 1000]) {
      const longer = new Uint8Array(bytes.length + extra)
      longer.set(bytes)
      expect(() => SearchIndex.load(longer)).toThrow(CorruptIndexError)
    }
    report(`${count(bytes.length + 3)} truncated/extended saved indexes rejected`)
  })

  it('every single-bit flip (version flips read as a newer or invalid version)', () => {
    let flips = 0
    for (let position = 0; position < bytes.length; position++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = bytes.slice()
        flipped[position] ^= 1 << bit
        expect(() => SearchIndex.load(flipped)).toThrow(
          position === 4 || position === 5 ? KavoshError : CorruptIndexError,
        )
        flips++
      }
    }
    report(`${count(flips)} single-bit flips rejected`)
  })

  it('newer and older format versions and unknown flags', () => {
    for (const version of [20, 21, 255]) {
      const newer = bytes.slice()
      new DataView(newer.buffer).setUint16(4, version, true)
      expect(() => SearchIndex.load(newer)).toThrow(IncompatibleIndexError)
    }
    // Versions 1–18 (3–18 have today's layout but older terms: Arabic stems, ZWNJ compounds, no lead field,
    // Persian verbs under ن, hamza-seat spellings apart, ماهي as ماه, مسابقات as مسابق, وزير as زير, اللتي as
    // لت, اناء as انا, بالغة as غه, مائة as ما, ألعاب as عاب, حكومتها as حکومت, منطقهای as منطق, پیش بینی as بین, سپاهان as سپاه) are no longer read: a typed error that says to
    // rebuild.
    for (const version of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]) {
      const older = bytes.slice()
      new DataView(older.buffer).setUint16(4, version, true)
      expect(() => SearchIndex.load(older)).toThrow(IncompatibleIndexError)
      expect(() => SearchIndex.load(older)).toThrow(/older kavosh.*rebuild the index/)
    }
    // Far beyond any real version: foreign bytes that start with the magic, e.g. text beginning "KVSH".
    for (const version of [256, 65535]) {
      const foreign = bytes.slice()
      new DataView(foreign.buffer).setUint16(4, version, true)
      expect(() => SearchIndex.load(foreign)).toThrow(CorruptIndexError)
    }
    expect(() => SearchIndex.load(new TextEncoder().encode('KVSH is not an index, just text'))).toThrow(
      CorruptIndexError,
    )
    for (const flags of [2, 4, 0x8000, 0xffff]) {
      const flagged = bytes.slice()
      new DataView(flagged.buffer).setUint16(6, flags, true)
      expect(() => SearchIndex.load(resealed(flagged))).toThrow(CorruptIndexError)
    }
  })

  it('crafted files (random byte edits, checksum recomputed) are rejected or load consistent', () => {
    const outcomes = { loaded: 0, rejected: 0 }
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
            value: fc.nat(255),
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (edits) => {
          const crafted = bytes.slice()
          for (const { at, value } of edits) crafted[16 + Math.floor(at * (crafted.length - 16))] = value
          outcomes[loadOrTypedError(resealed(crafted))]++
        },
      ),
      { numRuns: 1500 },
    )
    report(
      `${count(outcomes.loaded + outcomes.rejected)} crafted saved indexes: ${count(outcomes.rejected)} rejected, ${count(outcomes.loaded)} loaded consistent`,
    )
  })

  it('crafted posting lists (doc ids past the end, bad masks, overlong varints, wrong counts) are rejected', () => {
    // No lead field: one field per posting keeps the layout below short.
    const index = new SearchIndex({ fields: ['body'], autoCompact: false, leadWords: 0 })
    index.addAll([
      { id: 'a', body: 'دریا کوه' },
      { id: 'b', body: 'دریا' },
    ])
    const good = index.save()
    // The file ends with the posting lengths (8 bytes for دریا, 4 for کوه), the term order's length (2),
    // the postings — term دریا (docs 0 and 1), then کوه (doc 0), each posting `docGap fieldMask tf
    // position` — and the term ids in term order.
    expect(Array.from(good.subarray(good.length - 17))).toEqual([
      8, 4, 2, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1,
    ])
    const withPostings = (postings: number[]) => {
      const crafted = new Uint8Array(good.length - 12 + postings.length)
      crafted.set(good.subarray(0, good.length - 14))
      crafted.set(postings, good.length - 14)
      crafted.set([0, 1], crafted.length - 2)
      return resealed(crafted)
    }
    expect(SearchIndex.load(withPostings([1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1])).size).toBe(2)
    const broken = [
      [1, 1, 1, 0, 9, 1, 1, 0, 1, 1, 1, 1], // second doc id past the end
      [1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1], // doc gap 0 (doc ids must increase)
      [1, 2, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1], // field mask names a field that does not exist
      [1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1], // empty field mask
      [1, 1, 9, 0, 1, 1, 1, 0, 1, 1, 1, 1], // term frequency above the field length
      [1, 1, 1, 0x80, 1, 1, 1, 0, 1, 1, 1, 1], // position varint running into the next posting
      [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0x81], // varint running past the end of the region
      [1, 1, 1, 0, 1, 1, 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], // overlong varint
    ]
    for (const postings of broken)
      expect(() => SearchIndex.load(withPostings(postings))).toThrow(CorruptIndexError)
    // A field length and a term frequency of billions (with a fresh checksum): truncation, said at once —
    // each position takes a byte at least — not after billions of reads looking for the positions.
    const lengths = [2, 0, 0, 0, 1, 0, 0, 0] // the field length column, u32 each: دریا کوه, دریا
    const huge = withPostings([1, 1, 0xfe, 0xff, 0xff, 0xff, 0x0f, 0, 1, 1, 1, 0, 1, 1, 1, 1])
    const at = huge.findIndex((_, i) => lengths.every((byte, k) => huge[i + k] === byte))
    expect(at).toBeGreaterThan(0)
    huge.set([0xff, 0xff, 0xff, 0xff], at)
    huge[good.length - 17] = 12 // دریا's postings: 12 bytes now
    expect(() => SearchIndex.load(resealed(huge))).toThrow(/truncated posting/)
    // A wrong or malformed term order (read when a prefix or fuzzy query first needs it) is ignored: the
    // terms are sorted instead.
    for (const order of [
      [1, 0],
      [0, 0],
      [0, 9],
      [0x80, 0x80],
    ]) {
      const crafted = good.slice()
      crafted.set(order, crafted.length - 2)
      const loaded = SearchIndex.load(resealed(crafted))
      for (const query of ['د', 'ک', 'دریا']) {
        expect(loaded.search(query, { prefix: true })).toEqual(index.search(query, { prefix: true }))
        expect(loaded.search(query, { fuzzy: 1 })).toEqual(index.search(query, { fuzzy: 1 }))
      }
    }
  })
})

describe('text UTF-8 cannot carry survives save/load', () => {
  it('lone surrogates in ids, stored text and terms round-trip exactly (the saved file stays loadable)', () => {
    const index = sampleIndex()
    // Two ids that differ only in a lone surrogate (both would read back as U+FFFD without care).
    index.add({ id: 'x\ud800', body: 'دریا' })
    index.add({ id: 'x\udbff', body: 'دریا' })
    const loaded = SearchIndex.load(index.save())
    expect(snapshot(loaded, ['source'])).toEqual(snapshot(index, ['source']))
    expect(loaded.has('x\ud800') && loaded.has('x\udbff') && !loaded.has('x\ufffd')).toBe(true)
    expect(loaded.getStoredFields(2)?.source).toBe('isna\udc002')
    expect(loaded.save()).toEqual(index.save())
  })

  it('random strings (all planes, lone surrogates) as ids and stored values round-trip exactly', () => {
    let documents = 0
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }), { maxLength: 12 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 12 }),
        (ids, values) => {
          const index = new SearchIndex({ fields: ['body'], storeFields: ['body', 'note'] })
          ids.forEach((id, i) => {
            index.add({ id, body: values[i] ?? '', note: [values[i] ?? null, id] })
          })
          documents += ids.length
          const loaded = SearchIndex.load(index.save())
          for (const id of ids) expect(loaded.getStoredFields(id)).toEqual(index.getStoredFields(id))
          expect(loaded.save()).toEqual(index.save())
        },
      ),
      { numRuns: 150 },
    )
    report(`${count(documents)} documents with random-Unicode ids and values round-tripped`)
  })
})
