/**
 * Invariants under random operations: random sequences of add / addAll / addAllAsync (some aborted) /
 * remove / replace / compact / vacuum / save+load / search run against a plain model (the live documents
 * in insertion order, plus the removed ones the index has not compacted yet, which still count in N and
 * df). After every step `size` and `has` match the model; every search equals the brute-force BM25F
 * reference of test/search-index/helpers.ts (ids, scores within float tolerance, order by score); removed
 * ids never come back; failed calls change nothing. Then: memory stays bounded over add/remove cycles.
 */

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AbortError,
  DEFAULT_RANKING,
  DuplicateIdError,
  InvalidDocumentError,
  type KavoshError,
  SearchIndex,
  UnknownIdError,
} from '../../src/index'
import { type ReferenceOptions, referenceSearch, VOCABULARY } from '../search-index/helpers'
import { count, garbageCollector, report, structureSizes } from './helpers'

interface ModelDocument {
  id: number
  title: string
  body: string
}

type Operation =
  | { kind: 'add'; document: ModelDocument }
  | { kind: 'addAll'; documents: ModelDocument[]; invalidAt: number | null }
  | { kind: 'addAllAsync'; documents: ModelDocument[]; chunkSize: number; abortAfter: number | null }
  | { kind: 'remove'; id: number }
  | { kind: 'replace'; document: ModelDocument }
  | { kind: 'compact' }
  | { kind: 'vacuum' }
  | { kind: 'saveLoad' }
  | { kind: 'search'; query: string; combineWith: 'or' | 'and' }

const MAX_ID = 11
const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...VOCABULARY), { minLength: min, maxLength: max }).map((list) => list.join(' '))
const document: fc.Arbitrary<ModelDocument> = fc.record({
  id: fc.nat(MAX_ID),
  title: words(0, 3),
  body: words(0, 14),
})
const batch = fc.array(document, { minLength: 0, maxLength: 5 })
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), document }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('addAll' as const),
      documents: batch,
      invalidAt: fc.option(fc.nat(5), { freq: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('addAllAsync' as const),
      documents: batch,
      chunkSize: fc.integer({ min: 1, max: 3 }),
      abortAfter: fc.option(fc.nat(2), { freq: 3 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), id: fc.nat(MAX_ID) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), document }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'vacuum' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'saveLoad' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('search' as const),
      query: words(1, 4),
      combineWith: fc.constantFrom('or' as const, 'and' as const),
    }),
  },
)

const TITLE_BOOST = 2
const REFERENCE: Omit<ReferenceOptions, 'combineWith' | 'removed'> = {
  fields: ['title', 'body'],
  boosts: [TITLE_BOOST, 1],
  k1: DEFAULT_RANKING.k1.fa, // the index's default for Persian documents
  b: 0.75,
  proximityWeight: 0.5,
  proximityWindow: 5,
  language: 'fa',
}

/** Scores within float tolerance, position by position, and every hit's id carrying its model score. */
function expectSameRanking(
  actual: { id: string | number; score: number }[],
  expected: { id: string | number; score: number }[],
): void {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))
  expect(actual.map((hit) => hit.id)).toHaveLength(expected.length)
  const expectedScore = new Map(expected.map((hit) => [hit.id, hit.score]))
  actual.forEach((hit, i) => {
    if (!close(hit.score, expected[i].score) || !close(hit.score, expectedScore.get(hit.id) ?? Number.NaN)) {
      expect({ rank: i, id: hit.id, score: hit.score }).toEqual({
        rank: i,
        id: expected[i].id,
        score: expected[i].score,
      })
    }
  })
  expect(new Set(actual.map((hit) => hit.id)).size).toBe(actual.length)
}

describe('random operation sequences against a model', () => {
  it('size, has, search results and scores always equal the model', async () => {
    let sequences = 0
    let operations = 0
    let searches = 0
    let rejected = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 5, maxLength: 40 }),
        fc.boolean(),
        async (ops, autoCompact) => {
          sequences++
          let index = new SearchIndex({
            fields: ['title', 'body'],
            storeFields: ['title', 'body'],
            boost: { title: TITLE_BOOST },
            language: 'fa',
            autoCompact: autoCompact ? { removedShare: 0.2, minRemoved: 2 } : false,
          })
          let live: ModelDocument[] = []
          // Removed documents, oldest first; the index still holds the newest `slots - live` of them.
          let removed: ModelDocument[] = []
          const isLive = (id: number) => live.some((d) => d.id === id)
          const expectRejected = async (
            act: () => unknown,
            errorClass: new (...args: never[]) => KavoshError,
          ) => {
            const before = index.save()
            await expect((async () => act())()).rejects.toThrow(errorClass)
            expect(index.save()).toEqual(before)
            rejected++
          }
          const check = (query: string, combineWith: 'or' | 'and') => {
            const { documentSlots } = structureSizes(index)
            const pending = documentSlots - live.length
            const ghosts = pending === 0 ? [] : removed.slice(-pending)
            const expected = referenceSearch(live, query, { ...REFERENCE, combineWith, removed: ghosts })
            const hits = index.search(query, { combineWith, limit: Number.POSITIVE_INFINITY })
            expectSameRanking(hits, expected)
            for (const hit of hits) {
              const model = live.find((d) => d.id === hit.id)!
              expect({ title: hit.title, body: hit.body }).toEqual({ title: model.title, body: model.body })
            }
            const top = index.search(query, { combineWith, limit: 3 })
            expect(top.map((hit) => hit.score)).toEqual(hits.slice(0, 3).map((hit) => hit.score))
            searches++
          }
          for (const op of ops) {
            operations++
            switch (op.kind) {
              case 'add':
                if (isLive(op.document.id))
                  await expectRejected(() => index.add(op.document), DuplicateIdError)
                else {
                  index.add(op.document)
                  live.push(op.document)
                }
                break
              case 'addAll':
              case 'addAllAsync': {
                const documents: unknown[] = [...op.documents]
                const invalid = op.kind === 'addAll' && op.invalidAt !== null
                if (invalid) documents.splice(op.invalidAt!, 0, { id: 99, body: ['not', 'text'] })
                const ids = op.documents.map((d) => d.id)
                const duplicate = new Set(ids).size !== ids.length || ids.some(isLive)
                let act: () => unknown
                if (op.kind === 'addAll') act = () => index.addAll(documents as ModelDocument[])
                else {
                  const controller = new AbortController()
                  let steps = 0
                  act = () =>
                    index.addAllAsync(documents as ModelDocument[], {
                      chunkSize: op.chunkSize,
                      signal: controller.signal,
                      onProgress: () => {
                        if (steps++ === op.abortAfter) controller.abort()
                      },
                    })
                  const aborts =
                    op.abortAfter !== null && op.abortAfter < Math.ceil(documents.length / op.chunkSize)
                  if (!duplicate && aborts) {
                    await expectRejected(act, AbortError)
                    break
                  }
                }
                if (invalid) await expectRejected(act, InvalidDocumentError)
                else if (duplicate) await expectRejected(act, DuplicateIdError)
                else {
                  await act()
                  live.push(...op.documents)
                }
                break
              }
              case 'remove':
                if (!isLive(op.id)) await expectRejected(() => index.remove(op.id), UnknownIdError)
                else {
                  index.remove(op.id)
                  removed.push(live.find((d) => d.id === op.id)!)
                  live = live.filter((d) => d.id !== op.id)
                }
                break
              case 'replace':
                if (!isLive(op.document.id))
                  await expectRejected(() => index.replace(op.document), UnknownIdError)
                else {
                  index.replace(op.document)
                  removed.push(live.find((d) => d.id === op.document.id)!)
                  live = [...live.filter((d) => d.id !== op.document.id), op.document]
                }
                break
              case 'compact':
                index.compact()
                removed = []
                break
              case 'vacuum':
                await index.vacuum()
                removed = []
                break
              case 'saveLoad':
                index = SearchIndex.load(index.save())
                break
              case 'search':
                check(op.query, op.combineWith)
                break
            }
            expect(index.size).toBe(live.length)
            for (let id = 0; id <= MAX_ID; id++) expect(index.has(id)).toBe(isLive(id))
          }
          // Removed ids never come back, whatever is searched.
          const everything = index.search(VOCABULARY.join(' '), { limit: Number.POSITIVE_INFINITY })
          for (const hit of everything) expect(isLive(hit.id as number)).toBe(true)
          check(VOCABULARY.slice(0, 6).join(' '), 'or')
        },
      ),
      { numRuns: 300 },
    )
    report(
      `${count(sequences)} random op sequences, ${count(operations)} operations (${count(searches)} searches checked against the model, ${count(rejected)} typed rejections), 0 failures`,
    )
  })
})

describe('regressions found by the sequences above', () => {
  it('an index saved empty accepts documents after load (the empty posting pool never grew: a hang)', () => {
    for (const prepare of [
      (index: SearchIndex) => index,
      (index: SearchIndex) => {
        index.add({ id: 1, body: '' })
        return index
      },
      (index: SearchIndex) => {
        index.add({ id: 1, body: 'دریا' })
        index.remove(1)
        index.compact()
        return index
      },
    ]) {
      const loaded = SearchIndex.load(
        prepare(new SearchIndex({ fields: ['body'], autoCompact: false })).save(),
      )
      loaded.add({ id: 4, body: 'ابر' })
      loaded.addAll(Array.from({ length: 50 }, (_, i) => ({ id: `x${i}`, body: VOCABULARY.join(' ') })))
      expect(loaded.search('ابر', { limit: 100 })).toHaveLength(51)
    }
  })

  it('vacuum() reclaims documents removed after a compaction that finished in the same tick', async () => {
    const index = new SearchIndex({ fields: ['body'], autoCompact: { removedShare: 0.2, minRemoved: 2 } })
    index.addAll([
      { id: 0, body: 'باغ' },
      { id: 1, body: 'باغ' },
      { id: 2, body: 'کوه' },
    ])
    index.replace({ id: 0, body: 'باغ' })
    index.replace({ id: 1, body: 'باغ' }) // schedules a compaction, which finishes at once
    index.remove(2) // after it, same tick
    await index.vacuum()
    expect(structureSizes(index).documentSlots).toBe(2)
  })
})

describe('memory stays bounded over add/remove cycles of the same documents', () => {
  const documents = Array.from({ length: 300 }, (_, i) => ({
    id: `d${i}`,
    title: `${VOCABULARY[i % 20]} w${i}x`,
    body: Array.from({ length: 40 }, (_, k) => VOCABULARY[(i * 7 + k * 3) % VOCABULARY.length]).join(' '),
  }))
  const gc = garbageCollector()
  const heapUsed = () => {
    if (gc === null) return Number.NaN
    gc()
    gc()
    return process.memoryUsage().heapUsed
  }
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

  async function cycles(
    index: SearchIndex,
    cycle: (index: SearchIndex) => Promise<void> | void,
  ): Promise<{
    after5: ReturnType<typeof structureSizes>
    after50: ReturnType<typeof structureSizes>
    heap5: number
    heap50: number
  }> {
    let after5 = structureSizes(index)
    let heap5 = 0
    for (let c = 1; c <= 50; c++) {
      await cycle(index)
      await tick() // let background compaction run, as it would between requests
      if (c === 5) {
        after5 = structureSizes(index)
        heap5 = heapUsed()
      }
    }
    return { after5, after50: structureSizes(index), heap5, heap50: heapUsed() }
  }

  function expectBounded(name: string, result: Awaited<ReturnType<typeof cycles>>): void {
    const { after5, after50, heap5, heap50 } = result
    expect(after50.retainedBytes).toBeLessThanOrEqual(after5.retainedBytes * 2)
    expect(after50.terms).toBeLessThanOrEqual(after5.terms * 2)
    expect(after50.documentSlots).toBeLessThanOrEqual(after5.documentSlots * 2)
    const heap = Number.isNaN(heap5)
      ? 'no gc'
      : `heap ${(heap5 / 2 ** 20).toFixed(1)} → ${(heap50 / 2 ** 20).toFixed(1)} MB`
    if (!Number.isNaN(heap5)) expect(heap50).toBeLessThanOrEqual(heap5 * 1.5 + 16 * 2 ** 20)
    report(
      `${name}: 50 cycles of ${documents.length} documents, retained ${count(after5.retainedBytes)} → ${count(after50.retainedBytes)} bytes, terms ${after5.terms} → ${after50.terms}, ${heap}`,
    )
  }

  it('addAll then remove every document (automatic compaction)', async () => {
    const index = new SearchIndex({ fields: ['title', 'body'], storeFields: ['title'] })
    const result = await cycles(index, (i) => {
      i.addAll(documents)
      for (const d of documents) i.remove(d.id)
    })
    expect(index.size).toBe(0)
    expectBounded('add/remove', result)
  })

  it('replace every document again and again (automatic compaction)', async () => {
    const index = new SearchIndex({ fields: ['title', 'body'], storeFields: ['title'] })
    index.addAll(documents)
    const result = await cycles(index, (i) => {
      for (const d of documents) i.replace(d)
    })
    expect(index.size).toBe(documents.length)
    expect(index.search('w7x').map((hit) => hit.id)).toEqual(['d7'])
    expectBounded('replace', result)
  })

  it('addAllAsync, remove half, save+load (automatic compaction)', async () => {
    let index = new SearchIndex({ fields: ['title', 'body'], storeFields: ['title'] })
    const result = await cycles(index, async (i) => {
      await i.addAllAsync(documents, { chunkSize: 64 })
      for (const d of documents) i.remove(d.id)
    })
    index = SearchIndex.load(index.save())
    expectBounded('addAllAsync/remove', result)
  })

  it('without autoCompact the removed documents pile up until compact(), which restores the baseline', async () => {
    const index = new SearchIndex({ fields: ['title', 'body'], autoCompact: false })
    index.addAll(documents)
    const baseline = structureSizes(index)
    for (let c = 0; c < 10; c++) for (const d of documents) index.replace(d)
    expect(structureSizes(index).documentSlots).toBe(documents.length * 11)
    index.compact()
    const compacted = structureSizes(index)
    expect(compacted.documentSlots).toBe(documents.length)
    expect(compacted.terms).toBe(baseline.terms)
    expect(compacted.retainedBytes).toBeLessThanOrEqual(baseline.retainedBytes * 1.5)
  })
})
