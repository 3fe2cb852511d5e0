/**
 * The fast paths of document analysis and indexing (issue #6) against their plain definitions: the
 * language signals the tokenizer counts in its pass against detectLanguage, the intern table on words that
 * share long prefixes, the term caches against uncached analysis, and the posting log against appending
 * postings one by one.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeInto, releaseAnalysisCaches, TermBuffer } from '../src/analysis/analyzer'
import { languageOfSignals } from '../src/analysis/detect'
import { setDeferMissedFrom, tokenize, tokenizeInto, WordBuffer } from '../src/analysis/tokenize'
import { analyze, detectLanguage } from '../src/index'
import { PostingLog, PostingPool } from '../src/index/posting-pool'

const pieces = [
  ...'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكىةأإآٱؤئءۀھہە',
  'ال',
  'ال',
  'وال',
  'می',
  'ها',
  '\u064e',
  '\u0651',
  '\u0670',
  '\u0640',
  '\u06d6', // Quranic annotation marks: Arabic signals that are not letters
  '\u06da',
  '\u06e5',
  '\u200c',
  '\u200c',
  '\u200d',
  '\u200e',
  ' ',
  ' ',
  '\u00a0',
  '\n',
  '،',
  '«',
  ...'۰۱۲٣٤5',
  'a',
  'É',
  'ﻻ', // ligatures: the text is expanded and scanned again
  'ﷲ',
  'ﷺ',
  '\ud800',
]
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((a) => a.join(''))
const runs = { numRuns: 2000 }

/** Runs `work` with the tokenizer's block lookups starting at `count` interned words, then restores them. */
function withDeferMissedFrom<T>(count: number, work: () => T): T {
  const previous = setDeferMissedFrom(count)
  try {
    return work()
  } finally {
    setDeferMissedFrom(previous)
  }
}

describe('tokenizer pass', () => {
  it('counts the language signals that detectLanguage weighs', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 60 })), (s) => {
        const words = tokenizeInto(s, new WordBuffer())
        expect(languageOfSignals(words.persianSignals, words.arabicSignals)).toBe(detectLanguage(s))
      }),
      runs,
    )
  })

  it('keeps words apart that share a long prefix (the intern table compares all code units)', () => {
    const stems = ['ب'.repeat(13), 'ب'.repeat(14), 'ب'.repeat(15), 'ب'.repeat(30), 'ب'.repeat(63)]
    const words = stems.flatMap((stem) => [`${stem}ت`, `${stem}ث`, stem])
    const surfaces = tokenize(`${words.join(' ')} ${words.join(' ')}`).map((w) => w.surface)
    expect(surfaces).toEqual([...words, ...words])
  })

  it('keeps words apart whose 32-bit hashes are equal (the table of recent words compares them too)', () => {
    // The tokenizer hashes folded code units with FNV-1a; lowercase ASCII letters fold to themselves.
    const fnv = (word: string): number => {
      let hash = -2128831035
      for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619)
      return hash
    }
    // Found by a birthday search over 6-letter words (a few million of them).
    const [a, b] = ['yaczfa', 'glbppa']
    expect(fnv(a)).toBe(fnv(b))
    // Alternating, so that each is looked up right after the other took the hash's recent slot; the same
    // text several times, so that each is also looked up while the other holds that slot, or the home slot
    // of the hash in the table (the first one added), from an earlier call.
    const words = [a, b, a, a, b, b, a, 'x', b]
    // Both ways of looking up a word the table of recent words lacks: at once, and after the scan (in blocks,
    // which the tokenizer does once the table is large; here from the first word). On an empty table, which
    // of the two holds which slot then follows from the calls.
    for (const deferFrom of [Number.POSITIVE_INFINITY, 0]) {
      withDeferMissedFrom(deferFrom, () => {
        releaseAnalysisCaches()
        for (let call = 0; call < 4; call++) {
          const buffer = tokenizeInto(words.join(' '), new WordBuffer())
          expect(Array.from({ length: buffer.count }, (_, i) => buffer.surfaceOf(i))).toEqual(words)
          expect(buffer.id[0]).toBe(buffer.id[2])
          expect(buffer.id[1]).toBe(buffer.id[4])
          expect(buffer.id[0]).not.toBe(buffer.id[1])
        }
      })
    }
  })

  it('gives every word one id in a long text of new words (looked up in blocks, the table growing between)', () => {
    // Thousands of distinct words, each several times, in a shuffled order: most are new to the table
    // (so they are looked up after the scan, in blocks), repeats fall in the same block and in later ones,
    // and the table grows several times within the text.
    const distinct = Array.from(
      { length: 3000 },
      (_, i) => `و${i.toString(7).replace(/\d/g, (d) => 'بتثجحخد'[Number(d)])}`,
    )
    const words = distinct.flatMap((w, i) => Array.from({ length: 1 + (i % 4) }, () => w))
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const shuffled = [...words]
        let state = seed | 0
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = Math.imul(state ^ (state >>> 15), 2246822507) + 1
          const j = (state >>> 0) % (i + 1)
          ;[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]
        }
        releaseAnalysisCaches()
        // The blocks from the first word (a small table never takes them).
        const buffer = withDeferMissedFrom(0, () => tokenizeInto(shuffled.join(' '), new WordBuffer()))
        expect(buffer.count).toBe(shuffled.length)
        const idOf = new Map<string, number>()
        for (let i = 0; i < buffer.count; i++) {
          expect(buffer.surfaceOf(i)).toBe(shuffled[i])
          const id = idOf.get(shuffled[i])
          if (id === undefined) idOf.set(shuffled[i], buffer.id[i])
          else expect(buffer.id[i]).toBe(id)
        }
        // Distinct words, distinct ids, handed out in the order the words first appear.
        expect([...idOf.values()]).toEqual([...idOf.values()].map((_, k) => k))
      }),
      { numRuns: 5 },
    )
  })

  it('gives the same analysis with warm caches, cold caches and after a release', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const cold = (s: string) => {
          releaseAnalysisCaches()
          return analyze(s)
        }
        const first = [cold(a), cold(b)]
        const warm = [analyze(a), analyze(b), analyze(a)]
        expect(warm).toEqual([first[0], first[1], first[0]])
      }),
      { numRuns: 300 },
    )
  })
})

describe('cached term keys under other options', () => {
  // Every combination of the options that decide a word's term, in two languages.
  const optionSets = [true, false].flatMap((stem) =>
    [true, false].flatMap((stopWords) =>
      (['auto', 'ar'] as const).map((language) => ({ stem, stopWords, language })),
    ),
  )
  const filler = Array.from({ length: 300 }, (_, i) => `w${i.toString(36)}`).join(' ')
  /** The analysis of `s` on the uncached path: the cache holds other options and more words than `s` has. */
  const uncached = (s: string, options: (typeof optionSets)[number]) => {
    releaseAnalysisCaches()
    analyze(filler, { ...options, stem: !options.stem })
    return analyze(s, options)
  }

  it('gives every text the terms of its own options, whatever options came before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.nat(optionSets.length - 1)), { minLength: 1, maxLength: 30 }),
        (calls) => {
          const expected = calls.map(([s, o]) => uncached(s, optionSets[o]))
          releaseAnalysisCaches()
          // In a row, no release between them: the cache follows whichever options took it over.
          expect(calls.map(([s, o]) => analyze(s, optionSets[o]))).toEqual(expected)
          // Twice each: the second call reads what the first cached, if its options hold the cache.
          releaseAnalysisCaches()
          expect(calls.flatMap(([s, o]) => [analyze(s, optionSets[o]), analyze(s, optionSets[o])])).toEqual(
            expected.flatMap((e) => [e, e]),
          )
        },
      ),
      { numRuns: 300 },
    )
    releaseAnalysisCaches()
  })
})

describe('bounded tables', () => {
  it('give the same terms after they overflow and are dropped (over 2^20 distinct words)', () => {
    const sample = 'کتاب‌های مدرسه را می برند؛ والكتاب في المدرسة. covid19 ۱۲۳'
    const before = [analyze(sample), analyze(sample, { language: 'ar' })]
    const many = Array.from({ length: (1 << 20) + 1000 }, (_, i) => `w${i.toString(36)}`).join(' ')
    const terms = new TermBuffer()
    analyzeInto(many, undefined, terms) // the intern and term-key tables pass their bounds…
    expect(terms.count).toBe((1 << 20) + 1000)
    analyzeInto('کتاب', undefined, terms) // …and are dropped at the start of the next call
    expect([analyze(sample), analyze(sample, { language: 'ar' })]).toEqual(before)
    releaseAnalysisCaches()
  })
})

describe('posting log', () => {
  it('packs into the same pool as appending each posting to its term', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.tuple(fc.nat(40), fc.uint8Array({ minLength: 1, maxLength: 12 })), { maxLength: 30 }),
          { maxLength: 40 },
        ),
        (documents) => {
          const pool = new PostingPool(16, 16)
          const log = new PostingLog()
          documents.forEach((postings, docId) => {
            const seen = new Set<number>()
            for (const [termId, bytes] of postings) {
              if (seen.has(termId)) continue // one posting per term and document
              seen.add(termId)
              pool.appendPosting(termId, docId, bytes, bytes.length)
              const target = log.reserve(bytes.length)
              target.set(bytes, log.usedBytes)
              log.push(termId, docId, log.usedBytes + bytes.length)
            }
          })
          const packed = log.toPool(41)
          pool.ensureTerms(41)
          for (let termId = 0; termId <= 40; termId++) {
            expect(packed.postingsOf(termId)).toEqual(pool.postingsOf(termId))
            expect(packed.docFrequency[termId]).toBe(pool.docFrequency[termId])
            expect(packed.lastDocId[termId]).toBe(pool.lastDocId[termId])
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
