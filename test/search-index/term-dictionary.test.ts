import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TermDictionary } from '../../src/index/term-dictionary'

const word = fc.string({
  unit: fc.constantFrom('ا', 'ب', 'پ', 'ک', 'ی', 'a', '\ud800', '\udc00'),
  maxLength: 7,
})

describe('TermDictionary (terms as code units with a hash table)', () => {
  it('interns like a Map: same ids, same strings, idOf −1 for unknown terms (property)', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 3000 }), fc.array(word, { maxLength: 20 }), (terms, probes) => {
        const dictionary = new TermDictionary(4)
        const model = new Map<string, number>()
        for (const term of terms) {
          if (!model.has(term)) model.set(term, model.size)
          expect(dictionary.intern(term)).toBe(model.get(term))
        }
        expect(dictionary.size).toBe(model.size)
        for (const [term, id] of model) {
          expect(dictionary.idOf(term)).toBe(id)
          expect(dictionary.termOf(id)).toBe(term)
        }
        for (const probe of probes) expect(dictionary.idOf(probe)).toBe(model.get(probe) ?? -1)
      }),
      { numRuns: 60 },
    )
  })

  it('rebuilds from its code units without strings; terms are made on demand', () => {
    const source = TermDictionary.fromTerms(['غزه', 'آتش‌بس', '', 'x\ud800', 'غز'])
    const copy = TermDictionary.fromCodeUnits(source.codeUnits.slice(), source.termBounds.slice())
    expect(copy).not.toBeNull()
    expect(copy!.size).toBe(5)
    expect(copy!.idOf('x\ud800')).toBe(3)
    expect(copy!.idOf('')).toBe(2)
    expect(copy!.idOf('غ')).toBe(-1)
    expect(copy!.termOf(1)).toBe('آتش‌بس')
    expect(copy!.terms).toEqual(source.terms)
    // New terms after a rebuild, by string or by code units.
    expect(copy!.intern('کتاب')).toBe(5)
    const units = Uint16Array.from('..غزه..', (c) => c.charCodeAt(0))
    expect(copy!.internCodeUnits(units, 2, 5)).toBe(0)
    expect(copy!.internCodeUnits(units, 0, 2)).toBe(6)
    expect(copy!.termOf(6)).toBe('..')
  })

  it('keeps no strings: termOf makes short, long and very long terms from their code units', () => {
    const long = 'کتابخانه‌های‌دانشگاهی'
    const huge = 'ب'.repeat(10_000)
    const dictionary = TermDictionary.fromTerms(['غزه', long, huge])
    expect(Object.values(dictionary).some((value) => Array.isArray(value))).toBe(false)
    expect(dictionary.termOf(0)).toBe('غزه')
    expect(dictionary.termOf(1)).toBe(long)
    expect(dictionary.termOf(2)).toBe(huge)
    expect(dictionary.termOf(3)).toBeUndefined()
    expect(dictionary.termOf(-1)).toBeUndefined()
    expect(dictionary.terms).toEqual(['غزه', long, huge])
  })

  it('fromCodeUnits refuses repeated terms and bounds that do not fit', () => {
    const units = Uint16Array.from('abab', (c) => c.charCodeAt(0))
    expect(TermDictionary.fromCodeUnits(units, Uint32Array.of(0, 2, 4))).toBeNull()
    expect(TermDictionary.fromCodeUnits(units, Uint32Array.of(0, 3, 2))).toBeNull()
    expect(TermDictionary.fromCodeUnits(units, Uint32Array.of(0, 2, 5))).toBeNull()
    expect(TermDictionary.fromCodeUnits(units, Uint32Array.of(1, 2))).toBeNull()
    expect(TermDictionary.fromCodeUnits(units, Uint32Array.of(0, 1, 4))?.size).toBe(2)
  })

  it('a given term order is used when right and ignored (terms sorted) when wrong', () => {
    const terms = ['b', 'a', 'ab', 'c']
    const byTerm = (dictionary: TermDictionary) =>
      [...dictionary.sortedTermIds()].map((id) => dictionary.termOf(id))
    const build = (order: number[]) => {
      const source = TermDictionary.fromTerms(terms)
      return TermDictionary.fromCodeUnits(source.codeUnits, source.termBounds, Uint32Array.from(order))!
    }
    const right = build([1, 2, 0, 3])
    expect(byTerm(right)).toEqual(['a', 'ab', 'b', 'c'])
    for (const wrong of [
      [2, 1, 0, 3],
      [1, 1, 0, 3],
      [1, 2, 0, 9],
      [1, 2, 0],
    ]) {
      expect(byTerm(build(wrong))).toEqual(['a', 'ab', 'b', 'c'])
    }
    // Terms added before the first use of the order are merged into it.
    const grown = build([1, 2, 0, 3])
    grown.intern('aa')
    expect(byTerm(grown)).toEqual(['a', 'aa', 'ab', 'b', 'c'])
    expect(grown.lowerBound('ab')).toBe(2)
  })
})
