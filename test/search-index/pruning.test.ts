/**
 * Dynamic pruning (src/query/top-score-walk.ts) must not change results: a page of a search by score is
 * compared with the same page cut from the exhaustive walk (`limit: Infinity` never prunes), on slices of
 * the judged corpora and on random indexes whose posting lists span many skip entries and bound blocks.
 */

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SearchIndex, type SearchOptions } from '../../src/index'
import type { DocumentTable } from '../../src/index/document-table'
import { postingBlocks } from '../../src/index/posting-blocks'
import { NO_MORE_DOCS, PostingCursor } from '../../src/index/posting-cursor'
import type { PostingPool } from '../../src/index/posting-pool'
import { CursorHeap } from '../../src/query/cursor-heap'
import { pruningSettings } from '../../src/query/evaluate-query'
import { impactCacheSettings } from '../../src/query/term-impacts'
import { CORPORA_DIR, VOCABULARY } from './helpers'

// Prune whatever the size of the posting lists (by default small queries are walked exhaustively).
const defaultSettings = { ...pruningSettings }
beforeAll(() => {
  pruningSettings.minPostings = 0
  pruningSettings.minImpactPostings = 0
})
const defaultCacheSettings = { ...impactCacheSettings }
afterAll(() => {
  Object.assign(pruningSettings, defaultSettings)
  Object.assign(impactCacheSettings, defaultCacheSettings)
})

/**
 * Both pruned walks: the two passes over impacts (src/query/impact-walk.ts), taken by OR queries without
 * exclusions, filter or coordination whatever their postings here, and the walk over block bounds
 * (src/query/top-score-walk.ts), taken by every query when impacts are off.
 */
const WALKS = [
  {
    name: 'impact walk where it applies',
    maxImpactPostings: Number.POSITIVE_INFINITY,
    admitOnFirstUse: false,
  },
  { name: 'block-bound walk only', maxImpactPostings: 0, admitOnFirstUse: false },
  // The default: a long posting list is decoded the second time a query uses it, a short one at once.
  {
    name: 'impact walk from the second use',
    maxImpactPostings: Number.POSITIVE_INFINITY,
    admitOnFirstUse: true,
  },
]

type Hit = { id: string | number; score: number; match: Record<string, string[]> }

/** The page `options` asks for, pruned and exhaustive (same ids in the same order, same scores and matches). */
function expectSamePage(index: SearchIndex, query: string, options: SearchOptions = {}): void {
  const offset = options.offset ?? 0
  const limit = options.limit ?? 10
  const pruned = index.search(query, options) as Hit[]
  const all = index.search(query, { ...options, offset: 0, limit: Number.POSITIVE_INFINITY }) as Hit[]
  const expected = all.slice(offset, offset + limit)
  expect(pruned.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id))
  expect(pruned.map((hit) => hit.score)).toEqual(expected.map((hit) => hit.score))
  expect(pruned.map((hit) => hit.match)).toEqual(expected.map((hit) => hit.match))
}

const JUDGED = ['hamshahri-subset', 'parsinlu-rc', 'persianqa', 'persianquad', 'arcd', 'xquad-ar']

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T)
}

/** Every `step`-th item, at most `count`. */
function spread<T>(items: T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count))
  return items.filter((_, i) => i % step === 0).slice(0, count)
}

for (const walk of WALKS)
  describe(`pruned top-k search equals the exhaustive walk (${walk.name})`, () => {
    beforeAll(() => {
      pruningSettings.maxImpactPostings = walk.maxImpactPostings
    })
    for (const corpus of JUDGED) {
      const docsPath = join(CORPORA_DIR, corpus, 'docs.jsonl')
      const queriesPath = join(CORPORA_DIR, corpus, 'queries.jsonl')
      it.skipIf(!existsSync(docsPath) || !existsSync(queriesPath))(
        `on a slice of ${corpus} (keyword, phrase, prefix, fuzzy, AND, exclusions, paging, filter)`,
        () => {
          const docs = readJsonl<{ id: string; title?: string; text: string }>(docsPath).slice(0, 600)
          const index = new SearchIndex({
            fields: ['title', 'text'],
            storeFields: ['title'],
            language: 'auto',
          })
          index.addAll(docs.map((d) => ({ id: d.id, title: d.title ?? '', text: d.text })))
          const queries = spread(readJsonl<{ text: string }>(queriesPath), 12).map((q) => q.text)
          for (const text of queries) {
            const words = text.split(/\s+/).filter((word) => word.length > 0)
            const half = words.length > 0 ? words[words.length - 1].slice(0, 2) : ''
            expectSamePage(index, text)
            expectSamePage(index, text, { limit: 1 })
            expectSamePage(index, text, { limit: 5, offset: 5 })
            // A page longer than the impact walk's heap (64): its worst lower bound by quickselect.
            expectSamePage(index, text, { limit: 80, offset: 20 })
            expectSamePage(index, text, { combineWith: 'and' })
            expectSamePage(index, text, { fuzzy: true, limit: 3 })
            expectSamePage(index, [...words.slice(0, -1), half].join(' '), { prefix: true })
            if (words.length >= 2) {
              expectSamePage(index, `"${words[0]} ${words[1]}"`)
              expectSamePage(index, `${words.slice(1).join(' ')} -${words[0]}`)
            }
            expectSamePage(index, text, { filter: (doc) => String(doc.id).length % 2 === 0 })
            expectSamePage(index, text, { fields: ['text'], boost: { text: 1.5 } })
          }
        },
      )
    }
  })

const word = fc.constantFrom(...VOCABULARY.slice(0, 12), 'و', 'از')
const text = (min: number, max: number) =>
  fc.array(word, { minLength: min, maxLength: max }).map((words) => words.join(' '))
const query = fc.oneof(
  text(1, 5),
  fc.tuple(word, word).map(([a, b]) => `"${a} ${b}" ${a}`),
  fc.tuple(text(1, 3), word).map(([q, excluded]) => `${q} -${excluded}`),
)

for (const walk of WALKS)
  describe(`pruned top-k search equals the exhaustive walk on random indexes (${walk.name})`, () => {
    beforeAll(() => {
      pruningSettings.maxImpactPostings = walk.maxImpactPostings
    })
    it('with many postings per term, removals, additions and compaction in between', () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ title: text(0, 3), body: text(1, 40) }), {
            minLength: 150,
            maxLength: 400,
            size: 'max',
          }),
          fc.array(query, { minLength: 1, maxLength: 4 }),
          fc.record({
            combineWith: fc.constantFrom<'or' | 'and'>('or', 'and'),
            limit: fc.integer({ min: 1, max: 12 }),
            offset: fc.integer({ min: 0, max: 4 }),
            prefix: fc.boolean(),
            titleBoost: fc.constantFrom(0, 0.5, 2),
            k1: fc.constantFrom(0, 0.5, 1.2, 3),
            b: fc.constantFrom(0, 0.75, 1),
            proximityWeight: fc.constantFrom(0, 0.5, 3),
            coordination: fc.constantFrom(0, 1),
            titleMatch: fc.constantFrom(0, 0.6, 3),
          }),
          fc.integer({ min: 0, max: 1_000_000 }),
          (documents, queries, o, seed) => {
            const index = new SearchIndex({ fields: ['title', 'body'], language: 'fa', autoCompact: false })
            index.addAll(documents.map((document, i) => ({ id: i, ...document })))
            const options: SearchOptions = {
              combineWith: o.combineWith,
              limit: o.limit,
              offset: o.offset,
              prefix: o.prefix,
              boost: { title: o.titleBoost },
              ranking: {
                k1: o.k1,
                b: o.b,
                proximityWeight: o.proximityWeight,
                coordination: o.coordination,
                titleMatch: o.titleMatch,
              },
            }
            const check = () => {
              for (const q of queries) expectSamePage(index, q, options)
              // Another b on the same index: cached skip data normalised with the first must not be reused.
              const otherB = { ...options, ranking: { ...options.ranking, b: o.b === 1 ? 0.3 : 1 } }
              for (const q of queries) expectSamePage(index, q, otherB)
            }
            check()
            // Removed documents stay in the postings until compaction.
            for (let i = seed % 7; i < documents.length; i += 7) index.remove(i)
            check()
            // New postings: cached skip data must notice.
            index.addAll(documents.slice(0, 80).map((document, i) => ({ id: `again-${i}`, ...document })))
            check()
            index.compact()
            check()
          },
        ),
        { numRuns: 40, endOnFailure: true }, // shrinking hundreds of documents takes minutes
      )
    })

    it('a document that only the proximity bonus lifts into the page is found', () => {
      // Query a b c, a the rarest word: the page's worst lower bound comes from the document holding a. The
      // document holding b right before c scores above it only through the bonus of that pair, so it must get
      // a slot in pass 1 when b is read, although b and c alone score below that bound.
      const [a, b, c, filler] = ['باغ', 'دریا', 'کوه', 'ابر']
      const bodies = [`${a} ${filler}`, `${b} ${c}`]
      for (let i = 0; i < 9; i++) bodies.push(`${b} ${filler} ${filler}`)
      for (let i = 0; i < 39; i++) bodies.push(`${c} ${filler} ${filler}`)
      for (let i = 0; i < 50; i++) bodies.push(`${filler} ${filler}`)
      const index = new SearchIndex({ fields: ['title', 'body'], language: 'fa' })
      index.addAll(bodies.map((body, i) => ({ id: i, title: '', body })))
      const options: SearchOptions = { limit: 1, ranking: { proximityWeight: 10, titleMatch: 0 } }
      expectSamePage(index, `${a} ${b} ${c}`, options)
      expect(index.search(`${a} ${b} ${c}`, options)[0].id).toBe(1)
    })
  })

/** Every posting of `bytes`, decoded eagerly and independently of PostingCursor (the posting format). */
function decodeAll(bytes: Uint8Array, fieldCount: number) {
  let offset = 0
  const read = () => {
    let value = 0
    let shift = 0
    let byte: number
    do {
      byte = bytes[offset++]
      value += (byte & 0x7f) * 2 ** shift
      shift += 7
    } while (byte & 0x80)
    return value
  }
  const postings: { docId: number; positions: number[][] }[] = []
  let docId = -1
  while (offset < bytes.length) {
    docId += read()
    const mask = read()
    const positions: number[][] = []
    for (let f = 0; f < fieldCount; f++) {
      positions.push([])
      if ((mask & (1 << f)) === 0) continue
      const frequency = read()
      let position = 0
      for (let i = 0; i < frequency; i++) {
        position += read()
        positions[f].push(position)
      }
    }
    postings.push({ docId, positions })
  }
  return postings
}

describe('skip data and cursors', () => {
  it('positions, decoded when first read, are those of the current posting however it was reached', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text(0, 4), body: text(0, 40) }), { minLength: 1, maxLength: 120 }),
        fc.array(
          fc.tuple(fc.constantFrom('next', 'advance', 'seek', 'read'), fc.integer({ min: 0, max: 130 })),
          {
            maxLength: 30,
          },
        ),
        (documents, steps) => {
          // Two fields in the postings: no lead field.
          const index = new SearchIndex({ fields: ['title', 'body'], language: 'fa', leadWords: 0 })
          index.addAll(documents.map((document, i) => ({ id: i, ...document })))
          const inverted = (index as unknown as { inverted: InvertedIndexLike }).inverted
          for (let termId = 0; termId < Math.min(inverted.dictionary.size, 40); termId++) {
            const bytes = inverted.postings.postingsOf(termId)
            const expected = new Map(decodeAll(bytes, 2).map((p) => [p.docId, p.positions]))
            const cursor = new PostingCursor(bytes, 2)
            cursor.useBlocks(
              postingBlocks(inverted.postings, inverted.documents, termId, Float64Array.of(0.75, 0.75)),
            )
            for (const [step, target] of steps) {
              if (step === 'next') cursor.next()
              else if (step === 'advance') cursor.advanceTo(target)
              else if (step === 'seek') cursor.seek(target)
              if (cursor.docId === NO_MORE_DOCS || cursor.docId < 0) continue
              const want = expected.get(cursor.docId)!
              for (let f = 0; f < 2; f++) {
                expect(cursor.termFrequency[f]).toBe(want[f].length)
                const start = cursor.positionsStart[f]
                expect([...cursor.positions.subarray(start, start + want[f].length)]).toEqual(want[f])
              }
            }
          }
        },
      ),
      { numRuns: 60, endOnFailure: true },
    )
  })

  it('advanceTo and seek land on the same postings with and without skip data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text(0, 3), body: text(0, 30) }), {
          minLength: 1,
          maxLength: 300,
          size: 'max',
        }),
        fc.array(fc.integer({ min: 0, max: 320 }), { minLength: 1, maxLength: 40 }),
        (documents, targets) => {
          // Two fields in the postings: no lead field.
          const index = new SearchIndex({ fields: ['title', 'body'], language: 'fa', leadWords: 0 })
          index.addAll(documents.map((document, i) => ({ id: i, ...document })))
          const inverted = (index as unknown as { inverted: InvertedIndexLike }).inverted
          for (let termId = 0; termId < inverted.dictionary.size; termId++) {
            const bytes = inverted.postings.postingsOf(termId)
            const plain = new PostingCursor(bytes, 2)
            const skipping = new PostingCursor(bytes, 2)
            skipping.useBlocks(
              postingBlocks(inverted.postings, inverted.documents, termId, Float64Array.of(0.75, 0.75)),
            )
            const seeking = new PostingCursor(bytes, 2)
            seeking.useBlocks(
              postingBlocks(inverted.postings, inverted.documents, termId, Float64Array.of(0.75, 0.75)),
            )
            const sorted = [...targets].sort((a, b) => a - b)
            for (const target of sorted) {
              plain.advanceTo(target)
              skipping.advanceTo(target)
              expect(skipping.docId).toBe(plain.docId)
              if (plain.docId === NO_MORE_DOCS) break
              expect(skipping.fieldMask).toBe(plain.fieldMask)
              expect([...skipping.termFrequency]).toEqual([...plain.termFrequency])
            }
            // seek goes backwards too, also from a cursor that next() ran off its end: compare with a
            // fresh cursor per target.
            if (termId % 2 === 0) while (seeking.next()) {}
            for (const target of targets) {
              const fresh = new PostingCursor(bytes, 2)
              fresh.advanceTo(target)
              seeking.seek(target)
              expect(seeking.docId).toBe(fresh.docId)
              if (fresh.docId !== NO_MORE_DOCS) {
                expect([...seeking.termFrequency]).toEqual([...fresh.termFrequency])
                const positions = (cursor: PostingCursor) => [
                  ...cursor.positions.subarray(0, cursor.termFrequency[0] + cursor.termFrequency[1]),
                ]
                expect(positions(seeking)).toEqual(positions(fresh))
              }
            }
          }
        },
      ),
      { numRuns: 40, endOnFailure: true }, // shrinking hundreds of documents takes minutes
    )
  })

  it('block bounds hold every posting of their block (normalised term frequency per field)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text(0, 3), body: text(0, 30) }), {
          minLength: 1,
          maxLength: 400,
          size: 'max',
        }),
        fc.constantFrom(0, 0.25, 0.75, 1),
        (documents, firstB) => {
          // Two fields in the postings: no lead field.
          const index = new SearchIndex({ fields: ['title', 'body'], language: 'fa', leadWords: 0 })
          index.addAll(documents.map((document, i) => ({ id: i, ...document })))
          const {
            postings,
            documents: table,
            dictionary,
          } = (index as unknown as { inverted: InvertedIndexLike }).inverted
          const average = [0, 1].map((f) => table.averageFieldLength(f))
          // Twice per term with different b: the second call must not reuse skip data cached by the first.
          const terms = Array.from({ length: dictionary.size * 2 }, (_, i) => i % dictionary.size)
          for (const [i, termId] of terms.entries()) {
            const b = i < dictionary.size ? firstB : 1 - firstB
            const blocks = postingBlocks(postings, table, termId, Float64Array.of(b, b))
            const cursor = new PostingCursor(postings.postingsOf(termId), 2)
            let block = 0
            while (cursor.next()) {
              while (blocks.lastDoc[block] < cursor.docId) block++
              expect(block).toBeLessThan(blocks.count)
              for (let f = 0; f < 2; f++) {
                if (cursor.termFrequency[f] === 0) continue
                const norm =
                  average[f] > 0 ? 1 - b + (b * table.fieldLength(cursor.docId, f)) / average[f] : 1
                const normalised = cursor.termFrequency[f] / (norm > 0 ? norm : 1)
                expect(blocks.normalizedFrequency[block * 2 + f]).toBeGreaterThanOrEqual(normalised)
              }
            }
          }
        },
      ),
      { numRuns: 30, endOnFailure: true },
    )
  })

  it('the cursor heap names exactly the cursors on its minimum document', () => {
    // Stand-ins with the two members the heap reads: docId and next().
    const listCursor = (docs: number[], tag: number) => {
      let i = -1
      return {
        docId: -1,
        tag,
        next() {
          i++
          this.docId = i < docs.length ? docs[i] : NO_MORE_DOCS
          return i < docs.length
        },
      }
    }
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 25 }), { maxLength: 24 }),
        (lists) => {
          const sorted = lists.map((docs) => [...docs].sort((a, b) => a - b))
          const cursors = sorted.map((docs, tag) => listCursor(docs, tag))
          const heap = new CursorHeap(cursors as unknown as PostingCursor[])
          const into = new Int32Array(cursors.length)
          for (let docId = heap.minimumDocId(); docId !== NO_MORE_DOCS; docId = heap.minimumDocId()) {
            const count = heap.tagsAtMinimum(into)
            const expected = cursors.filter((c) => c.docId === docId).map((c) => c.tag)
            expect([...into.subarray(0, count)].sort((a, b) => a - b)).toEqual(expected)
            heap.advancePast(docId)
          }
          expect(heap.tagsAtMinimum(into)).toBe(0)
        },
      ),
      { numRuns: 200 },
    )
  })
})

interface InvertedIndexLike {
  dictionary: { size: number }
  postings: PostingPool
  documents: DocumentTable
}
