import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_RANKING, DuplicateIdError, SearchIndex, UnknownIdError } from '../../src/index'
import { IndexCompaction } from '../../src/index/inverted-index'
import { referenceSearch, VOCABULARY } from './helpers'

const text = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 20 }).map((w) => w.join(' '))

type Operation =
  | { kind: 'add'; id: number; body: string }
  | { kind: 'remove'; id: number }
  | { kind: 'replace'; id: number; body: string }
  | { kind: 'compact' }

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), id: fc.nat(15), body: text }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), id: fc.nat(15) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), id: fc.nat(15), body: text }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
)

describe('add / remove / replace sequences against a simple model', () => {
  it('match the same documents as the model, errors leave the index unchanged, compaction gives exact scores', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { maxLength: 40 }),
        fc.array(text, { minLength: 1, maxLength: 4 }),
        (operations, queries) => {
          const index = new SearchIndex({
            fields: ['body'],
            storeFields: ['body'],
            language: 'fa',
            autoCompact: false,
          })
          // The model: live documents in insertion order (a replaced document moves to the end).
          let model: { id: number; body: string }[] = []
          for (const op of operations) {
            const present = op.kind !== 'compact' && model.some((d) => d.id === op.id)
            if (op.kind === 'add') {
              if (present) expect(() => index.add({ id: op.id, body: op.body })).toThrow(DuplicateIdError)
              else {
                index.add({ id: op.id, body: op.body })
                model.push({ id: op.id, body: op.body })
              }
            } else if (op.kind === 'remove') {
              if (!present) expect(() => index.remove(op.id)).toThrow(UnknownIdError)
              else {
                index.remove(op.id)
                model = model.filter((d) => d.id !== op.id)
              }
            } else if (op.kind === 'replace') {
              if (!present) expect(() => index.replace({ id: op.id, body: op.body })).toThrow(UnknownIdError)
              else {
                index.replace({ id: op.id, body: op.body })
                model = [...model.filter((d) => d.id !== op.id), { id: op.id, body: op.body }]
              }
            } else {
              index.compact()
            }
            expect(index.size).toBe(model.length)
          }
          for (let id = 0; id <= 15; id++) expect(index.has(id)).toBe(model.some((d) => d.id === id))
          const options = {
            fields: ['body'],
            boosts: [1],
            k1: DEFAULT_RANKING.k1.fa, // the index's default for Persian documents
            b: 0.75,
            proximityWeight: 0.5,
            proximityWindow: 5,
            combineWith: 'or' as const,
            language: 'fa' as const,
          }
          for (const query of queries) {
            const all = { limit: Number.POSITIVE_INFINITY }
            const expectedIds = referenceSearch(model, query, options).map((hit) => hit.id)
            // Before compaction idf counts removed documents, so compare the matching set only.
            const hits = index.search(query, all)
            expect(new Set(hits.map((hit) => hit.id))).toEqual(new Set(expectedIds))
            for (const hit of hits) expect(hit.body).toBe(model.find((d) => d.id === hit.id)!.body)
          }
          index.compact()
          for (const query of queries) {
            const expected = referenceSearch(model, query, options)
            const hits = index.search(query, { limit: Number.POSITIVE_INFINITY })
            expect(hits.map((hit) => hit.score)).toHaveLength(expected.length)
            hits.forEach((hit, i) => {
              expect(hit.score).toBeCloseTo(expected[i].score, 9)
            })
          }
        },
      ),
      { numRuns: 120 },
    )
  })

  it('compacts automatically in the background once enough documents are removed', async () => {
    const index = new SearchIndex({
      fields: ['body'],
      language: 'fa',
      autoCompact: { removedShare: 0.2, minRemoved: 5 },
    })
    index.addAll(Array.from({ length: 40 }, (_, id) => ({ id, body: `${VOCABULARY[id % 20]} دریا` })))
    const before = index.save().length
    for (let id = 0; id < 20; id++) index.remove(id)
    expect(index.search('دریا', { limit: 100 })).toHaveLength(20)
    await index.vacuum() // waits for the compaction that removal scheduled
    expect(index.save().length).toBeLessThan(before)
    const ids = index.search('دریا', { limit: 100 }).map((hit) => hit.id as number)
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 20))
  })

  it('compacts again after a loop of removals that goes on past the first automatic compaction', async () => {
    vi.useFakeTimers()
    const results = vi.spyOn(IndexCompaction.prototype, 'result')
    try {
      const index = new SearchIndex({ fields: ['body'], language: 'fa' }) // default autoCompact
      index.addAll(
        Array.from({ length: 200 }, (_, id) => ({ id, body: `${VOCABULARY[id % 20]} دریا w${id}` })),
      )
      // The first compaction runs at the 64th removal; the next 86 leave 86 of 136 documents removed.
      for (let id = 0; id < 150; id++) index.remove(id)
      await vi.runAllTimersAsync() // the scheduled compactions, without waiting on vacuum()
      expect(results.mock.calls.length).toBeLessThanOrEqual(3) // not one per removal
      const saved = index.save()
      const scores = index.search('دریا', { limit: 100 }).map((hit) => hit.score)
      index.compact()
      expect(index.save()).toEqual(saved)
      expect(index.search('دریا', { limit: 100 }).map((hit) => hit.score)).toEqual(scores)
    } finally {
      results.mockRestore()
      vi.useRealTimers()
    }
  })

  it('vacuum restarts when the index changes while it runs, and never loses documents', async () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa', autoCompact: false })
    index.addAll(Array.from({ length: 30 }, (_, id) => ({ id, body: `${VOCABULARY[id % 20]} کوه` })))
    for (let id = 0; id < 10; id++) index.remove(id)
    const running = index.vacuum()
    index.add({ id: 100, body: 'کوه' })
    await running
    expect(index.has(100)).toBe(true)
    expect(index.search('کوه', { limit: 100 })).toHaveLength(21)
  })
})
