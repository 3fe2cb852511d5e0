/** RangeSet and beginningLength: lookups by a range of a string, without slicing (src/analysis/range-set.ts). */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { beginningLength, RangeSet } from '../src/analysis/range-set'

describe('RangeSet', () => {
  it('finds a word by any range of a string that spells it, and nothing else', () => {
    const set = new RangeSet(['کتاب', 'ان', 'ا', 'کتابان'])
    expect(set.has('الکتابها', 2, 6)).toBe(true)
    expect(set.has('الکتابها', 2, 7)).toBe(false)
    expect(set.has('الکتابها', 0, 1)).toBe(true) // ا
    expect(set.has('الکتابها', 3, 3)).toBe(false) // an empty range
    expect(set.has('کتابان', 4, 6)).toBe(true)
    expect(set.has('کتابان', 0, 6)).toBe(true)
    // Same length, first and last letter as a member (same bucket), another word.
    expect(set.has('کباب', 0, 4)).toBe(false)
  })

  it('agrees with a Set of the same words on every range', () => {
    const letter = fc.constantFrom(...'abcاب')
    const word = fc.array(letter, { minLength: 1, maxLength: 5 }).map((a) => a.join(''))
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), word, (words, text) => {
        const set = new RangeSet(words)
        const plain = new Set(words)
        for (let s = 0; s <= text.length; s++)
          for (let e = s; e <= text.length; e++)
            expect(set.has(text, s, e)).toBe(e > s && plain.has(text.slice(s, e)))
      }),
      { numRuns: 500 },
    )
  })
})

describe('beginningLength', () => {
  it('gives the length of the longest word the range begins with, from a set or the keys of a map', () => {
    const words = new Set(['مسیول', 'مس', 'کتاب'])
    expect(beginningLength(words, 'المسیولان', 2, 9)).toBe(5)
    expect(beginningLength(words, 'المسیولان', 2, 5)).toBe(2) // the range ends before مسیول does
    expect(beginningLength(words, 'المسیولان', 0, 9)).toBe(0)
    expect(beginningLength(new Map([['کتاب', 1]]), 'کتابها', 0, 6)).toBe(4)
  })

  it('agrees with startsWith over the words on every range', () => {
    const letter = fc.constantFrom(...'abاب')
    const word = fc.array(letter, { minLength: 1, maxLength: 4 }).map((a) => a.join(''))
    fc.assert(
      fc.property(fc.array(word, { maxLength: 10 }), word, (list, text) => {
        const words = new Set(list)
        for (let s = 0; s <= text.length; s++)
          for (let e = s; e <= text.length; e++) {
            const lengths = list
              .filter((w) => w.length <= e - s && text.startsWith(w, s))
              .map((w) => w.length)
            expect(beginningLength(words, text, s, e)).toBe(lengths.length > 0 ? Math.max(...lengths) : 0)
          }
      }),
      { numRuns: 300 },
    )
  })
})
