import { describe, expect, it } from 'vitest'
import { fnv1a, queryHalf } from '../bench/lib/query-split'
import { fuzzyQuery, phraseQuery, prefixQuery, spreadSample } from '../bench/lib/query-workloads'
import {
  addDiacritics,
  applyVariant,
  insertZwnj,
  removeZwnj,
  swapDigitScripts,
  swapYehKaf,
  VARIANTS,
  zwnjToSpace,
} from '../bench/lib/variants'

const ZWNJ = '\u200C'
const stripMarks = (s: string) => s.replace(/[\u064B-\u0652]/g, '')

describe('orthographic variants', () => {
  it('swaps Arabic ي/ك and Farsi ی/ک both ways', () => {
    expect(swapYehKaf('علي كتاب')).toBe('علی کتاب')
    expect(swapYehKaf('علی کتاب')).toBe('علي كتاب')
    expect(swapYehKaf(swapYehKaf('يك ی ک'))).toBe('يك ی ک')
    expect(swapYehKaf('سلام')).toBe('سلام')
  })

  it('removes ZWNJ or turns it into a space', () => {
    expect(removeZwnj(`کتاب${ZWNJ}ها`)).toBe('کتابها')
    expect(zwnjToSpace(`می${ZWNJ}روم`)).toBe('می روم')
    expect(removeZwnj('بدون')).toBe('بدون')
  })

  it('inserts ZWNJ before bound suffixes and after می/نمی', () => {
    expect(insertZwnj('کتاب ها')).toBe(`کتاب${ZWNJ}ها`)
    expect(insertZwnj('بزرگ ترین شهر')).toBe(`بزرگ${ZWNJ}ترین شهر`)
    expect(insertZwnj('مي شود')).toBe(`مي${ZWNJ}شود`)
    expect(insertZwnj('نمی دانم.')).toBe(`نمی${ZWNJ}دانم.`)
    // ها followed by more letters is a word of its own (هامون), and قدیمی is not the prefix می.
    expect(insertZwnj('دریاچه هامون')).toBe('دریاچه هامون')
    expect(insertZwnj('خانه قدیمی است')).toBe('خانه قدیمی است')
  })

  it('adds fatha/kasra on every second letter, never after the last one', () => {
    expect(addDiacritics('مدرسه')).toBe('مَدرِسه')
    expect(stripMarks(addDiacritics('بازسازی شهر بم'))).toBe('بازسازی شهر بم')
    expect(addDiacritics('ab 12')).toBe('ab 12')
    // Single letters get nothing.
    expect(addDiacritics('و')).toBe('و')
  })

  it('writes digits in the other script', () => {
    expect(swapDigitScripts('سال 1402', 'fa')).toBe('سال ۱۴۰۲')
    expect(swapDigitScripts('۱۴۰۲', 'fa')).toBe('1402')
    expect(swapDigitScripts('24', 'ar')).toBe('٢٤')
    expect(swapDigitScripts('٢٤', 'ar')).toBe('24')
    expect(swapDigitScripts('بدون عدد', 'fa')).toBe('بدون عدد')
  })

  it('applyVariant dispatches every declared variant and leaves untouched text identical', () => {
    for (const v of VARIANTS) expect(applyVariant(v.name, 'hello', 'fa')).toBe('hello')
    expect(applyVariant('yeh-kaf', 'كتاب', 'fa')).toBe('کتاب')
    expect(applyVariant('digits', '7', 'ar')).toBe('٧')
  })
})

describe('tune/test split', () => {
  it('FNV-1a matches the reference value', () => {
    expect(fnv1a('a')).toBe(0xe40c292c)
    expect(fnv1a('')).toBe(0x811c9dc5)
  })
  it('is deterministic and splits roughly in half', () => {
    expect(queryHalf('hamshahri-q1')).toBe(queryHalf('hamshahri-q1'))
    const ids = Array.from({ length: 2000 }, (_, i) => `q-${i}`)
    const test = ids.filter((id) => queryHalf(id) === 'test').length
    expect(test).toBeGreaterThan(900)
    expect(test).toBeLessThan(1100)
  })
})

describe('latency workloads', () => {
  it('phrase = the two adjacent words with the most letters', () => {
    expect(phraseQuery('پایتخت اسپانیا کجاست؟')).toBe('پایتخت اسپانیا')
    expect(phraseQuery('تک')).toBe('تک')
  })
  it('prefix = last word cut to half (at least 2 letters)', () => {
    expect(prefixQuery('باغ ایرانی')).toBe('باغ ایر')
    expect(prefixQuery('بم')).toBe('بم')
  })
  it('fuzzy = one transposition in the longest word', () => {
    expect(fuzzyQuery('مدرسه خوب')).toBe('مردسه خوب')
    expect(fuzzyQuery('در او')).toBe('در او')
  })
  it('spreadSample picks evenly', () => {
    expect(spreadSample([1, 2, 3, 4, 5, 6], 3)).toEqual([1, 3, 5])
    expect(spreadSample([1, 2], 5)).toEqual([1, 2])
  })
})
