/**
 * Property tests of the analysis pipeline over random text: Persian/Arabic letters, marks, ZWNJ and other
 * invisible characters, digits of three scripts, punctuation, Latin, and arbitrary UTF-16 (lone surrogates
 * included).
 */
import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyze, analyzeQuery, normalize } from '../src/index'

const pieces = [
  ...'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكىةأإآٱؤئءۀھہە',
  '\u064e',
  '\u0650',
  '\u064f',
  '\u0651',
  '\u0652',
  '\u064b',
  '\u0670',
  '\u0654',
  '\u0640',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u00ad',
  '\u202b',
  '\u202c',
  '\u2067',
  '\u2069',
  '\ufeff',
  ' ',
  ' ',
  ' ',
  '\u00a0',
  '\u202f',
  '\n',
  '،',
  '؛',
  '؟',
  '«',
  '»',
  '.',
  '-',
  '"',
  ...'0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩',
  'ﻛ',
  'ﻻ',
  'ﷲ',
  'ﷺ',
  'ﮐ',
  'ﺁ',
  'ﺃ',
  'ﺈ',
  'می',
  'نمی',
  'ها',
  'های',
  'تر',
  'ترین',
  'ال',
  'و',
  'کتاب',
  'Café',
  'RT',
  'É',
  '\ud800',
  '\udc00',
  '😀',
]
const persianArabicText = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(''))
const anyText = fc.oneof(
  persianArabicText,
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 80 }),
)
const runs = { numRuns: 1000 }

describe('normalize', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (s) => normalize(normalize(s)) === normalize(s)),
      runs,
    )
  })
  it('is idempotent on every single code unit (İ → i, not I)', () => {
    for (let c = 0; c < 0x10000; c++) {
      const once = normalize(String.fromCharCode(c))
      if (normalize(once) !== once) throw new Error(`U+${c.toString(16)}: ${once} → ${normalize(once)}`)
    }
    expect(normalize('İSTANBUL')).toBe('istanbul')
  })
})

describe('analyze', () => {
  it('never throws, and offsets are inside the text and non-decreasing', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.constantFrom('fa', 'ar', 'auto') as fc.Arbitrary<'fa' | 'ar' | 'auto'>,
        (s, language) => {
          const tokens = analyze(s, { language })
          let lastStart = 0
          let lastPosition = -1
          for (const t of tokens) {
            expect(t.start).toBeGreaterThanOrEqual(lastStart)
            expect(t.end).toBeGreaterThan(t.start)
            expect(t.end).toBeLessThanOrEqual(s.length)
            expect(t.position).toBeGreaterThan(lastPosition)
            expect(t.term.length).toBeGreaterThan(0)
            lastStart = t.start
            lastPosition = t.position
          }
        },
      ),
      runs,
    )
  })

  it('normalize(original.slice(start, end)) is the unstemmed term (spaces of a joined affix removed)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const t of analyze(s, { stem: false, stopWords: false })) {
          expect(normalize(s.slice(t.start, t.end)).replace(/[\s]/g, '')).toBe(t.term)
        }
      }),
      runs,
    )
  })

  it('every term is folded (the أ إ آ the tokenizer keeps for the stemmer never reach a term)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const language of ['auto', 'fa', 'ar'] as const)
          for (const t of analyze(s, { language })) expect(normalize(t.term)).toBe(t.term)
      }),
      runs,
    )
  })

  it('a ZWNJ between words analyses as a space does (no stop word before it to start a compound)', () => {
    // Content words, detached affixes and verb prefixes; no stop word that is not an affix (بی‌کار and the
    // like stay one word: analysis-checklist.test.ts).
    const words = [
      ...['کتاب', 'خانه', 'آتش', 'بس', 'ستاره', 'گذاری', 'نوشته', 'بزرگ', 'روم', 'روند', 'دانش', 'آموز'],
      ...['ها', 'های', 'هایی', 'تر', 'ترین', 'ای', 'اند', 'ام', 'ی'],
      ...['می', 'نمی'],
    ]
    const gaps = [' ', '\u200c', ' \u200c', '\u200c\u200c', '\u200c ']
    const text = fc
      .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...gaps)), { minLength: 1, maxLength: 12 })
      .map((parts) => parts.map(([w, g]) => w + g).join(''))
    fc.assert(
      fc.property(text, (s) => {
        const spaced = s.replace(/\u200c/g, ' ')
        for (const options of [{ language: 'fa' as const }, { language: 'fa' as const, stem: false }])
          expect(analyze(s, options)).toEqual(analyze(spaced, options))
      }),
      runs,
    )
  })

  it('copes with 1 MB inputs and 100k-character words', () => {
    const big = 'کتاب‌های مَدْرَسَة ۱۴۰۲ والكتاب '.repeat(40_000)
    expect(big.length).toBeGreaterThan(1_000_000)
    const tokens = analyze(big)
    expect(tokens.length).toBeGreaterThan(100_000)
    const word = 'ب'.repeat(100_000)
    const pieces = analyze(word, { stopWords: false, stem: false })
    expect(pieces.map((t) => t.term).join('')).toBe(word)
    expect(pieces.every((t) => t.term.length <= 64)).toBe(true)
    const surrogates = '\ud800کتاب\udc00'.repeat(10_000)
    expect(analyze(surrogates).length).toBe(10_000)
  })

  it('analyzeQuery never throws and its clauses point into the query', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const c of analyzeQuery(s, { hasTerm: () => true })) {
          expect(c.alternatives.length).toBeGreaterThan(0)
          expect(c.end).toBeLessThanOrEqual(s.length)
        }
      }),
      runs,
    )
  })
})

describe('dictionaries', () => {
  it('the generated module is in sync with dictionaries/*.txt', () => {
    expect(() =>
      execFileSync('node', ['scripts/gen-dictionaries.mjs', '--check'], { stdio: 'pipe' }),
    ).not.toThrow()
  })
})
