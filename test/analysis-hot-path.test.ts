/**
 * The fast paths of document analysis and indexing (issue #6) against their plain definitions: the
 * language signals the tokenizer counts in its pass against detectLanguage, the intern table on words that
 * share long prefixes, the term caches against uncached analysis, and the posting log against appending
 * postings one by one.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeInto, releaseAnalysisCaches, TermBuffer } from '../src/analysis/analyzer'
import {
  ARABIC,
  DIGIT,
  getCharTable,
  IGNORE,
  isHamzaAlef,
  SEP,
  SIGNAL_AR,
  SIGNAL_DIGIT_GROUP,
  SIGNAL_FA,
  SIGNAL_FA_WEAK,
  TANWEEN_ALEF,
  TANWEEN_FATH,
} from '../src/analysis/char-table'
import { languageOfSignals } from '../src/analysis/detect'
import {
  MAX_WORD_LENGTH,
  setDeferMissedFrom,
  tokenize,
  tokenizeInto,
  WORD_ARABIC,
  WORD_LATIN,
  WORD_NUMBER,
  WordBuffer,
} from '../src/analysis/tokenize'
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
  '\u064b', // tanween fath: on a final alef (TANWEEN_ALEF)
  '\u064b',
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

interface ScannedWord {
  start: number
  end: number
  surface: string
  script: number
  signal: number
  /** The final letter folds to a plain ا (not أ إ آ) and a tanween fath is among the marks after it or before it. */
  tanween: boolean
}

/**
 * The tokenizer's scan written plainly, over the three tables the packed one is made of: a word is a run of
 * letters of one script (Arabic script, or other letters and digits), marks inside it dropped and counted
 * in its end, cut at MAX_WORD_LENGTH letters; the text's language signals are counted on every code unit.
 */
function referenceScan(text: string): {
  words: ScannedWord[]
  persian: number
  arabic: number
  groups: number
} {
  const { cls, fold, signal } = getCharTable()
  const words: ScannedWord[] = []
  let persian = 0
  let arabic = 0
  let groups = 0
  const count = (s: number) => {
    if ((s & SIGNAL_FA) !== 0 || s === SIGNAL_FA_WEAK) persian++
    else if (s === SIGNAL_AR) arabic++
  }
  let i = 0
  while (i < text.length) {
    const u = text.charCodeAt(i)
    if (cls[u] === SEP || cls[u] > DIGIT) {
      count(signal[u])
      if (signal[u] === SIGNAL_DIGIT_GROUP) groups++
      i++
      continue
    }
    if (u === 0x0627 && text.charCodeAt(i + 1) === 0x0644 && (i === 0 || cls[text.charCodeAt(i - 1)] === SEP))
      arabic++
    const word: ScannedWord = {
      start: i,
      end: i,
      surface: '',
      script: WORD_NUMBER,
      signal: 0,
      tanween: false,
    }
    const script = cls[u] === ARABIC
    // Per letter: whether a tanween fath is among the marks after it.
    const tanweenAfter: boolean[] = []
    let last = 0
    let natural = true
    for (;;) {
      const letter = text.charCodeAt(i)
      last = letter
      word.surface += String.fromCharCode(fold[letter])
      if (script) word.script = WORD_ARABIC
      else if (cls[letter] !== DIGIT) word.script = WORD_LATIN
      word.signal |= signal[letter]
      count(signal[letter])
      i++
      let tanween = false
      while (i < text.length && cls[text.charCodeAt(i)] === IGNORE) {
        if (text.charCodeAt(i) === TANWEEN_FATH) tanween = true
        count(signal[text.charCodeAt(i++)])
      }
      tanweenAfter.push(tanween)
      word.end = i
      if (i === text.length) break
      const next = cls[text.charCodeAt(i)]
      if (next === SEP || next > DIGIT || (next === ARABIC) !== script) break
      if (word.surface.length >= MAX_WORD_LENGTH) {
        natural = false
        break
      }
    }
    const n = tanweenAfter.length
    word.tanween =
      natural &&
      fold[last] === 0x0627 &&
      !isHamzaAlef(last) &&
      (tanweenAfter[n - 1]! || (n >= 2 && tanweenAfter[n - 2]!))
    words.push(word)
  }
  return { words, persian, arabic, groups }
}

describe('tokenizer pass', () => {
  it('scans words as the plain definition does (folds, marks, scripts, length cut, signals)', () => {
    // No digit-group separators (their join is a later pass) and no ligatures (expanded first).
    const plain = pieces.filter((p) => !/[\ufb00-\ufeff]/u.test(p))
    // (The last one: a tanween alef at the length cut, with more letters after it: no final alef.)
    const long = ['ب'.repeat(61), 'a'.repeat(62), '1'.repeat(63), 'ی'.repeat(64), `${'ب'.repeat(63)}ا\u064bب`]
    const scanned = fc.array(fc.constantFrom(...plain, ...long), { maxLength: 40 }).map((a) => a.join(''))
    fc.assert(
      fc.property(scanned, (s) => {
        const words = tokenizeInto(s, new WordBuffer())
        const reference = referenceScan(s)
        const read = Array.from({ length: words.count }, (_, k) => ({
          start: words.start[k],
          end: words.end[k],
          surface: words.surfaceOf(k),
          script: words.script[k],
          signal: words.signal[k],
          tanween: (words.hamzaAlefsOf(k) & TANWEEN_ALEF) !== 0,
        }))
        expect(read).toEqual(reference.words)
        expect([words.persianSignals, words.arabicSignals, words.groupSeparators]).toEqual([
          reference.persian,
          reference.arabic,
          reference.groups,
        ])
      }),
      runs,
    )
  })

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

describe('a word joined past what the intern table holds', () => {
  it('is one term, stemmed, at its word position, whatever options hold the key cache', () => {
    // 64 letters and forty detached ها: joined, 144 units, past MAX_JOINED_LENGTH, so the word has no intern
    // id and its surface is built as a string (the path of pathological input, not of text).
    const base = 'ک'.repeat(64)
    const text = `${base}${' ها'.repeat(40)} کتاب`
    const stemmed = [
      { term: base + 'ها'.repeat(38), start: 0, end: 184, position: 0 },
      { term: 'کتاب', start: 185, end: 189, position: 1 },
    ]
    for (let round = 0; round < 2; round++) {
      releaseAnalysisCaches()
      expect(analyze(text, { language: 'fa' })).toEqual(stemmed)
      expect(analyze(text, { language: 'fa' })).toEqual(stemmed)
      expect(analyze(text, { language: 'fa', stem: false })[0]!.term).toBe(base + 'ها'.repeat(40))
    }
    releaseAnalysisCaches()
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
