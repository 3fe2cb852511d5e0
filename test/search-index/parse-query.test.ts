import { describe, expect, it } from 'vitest'
import { parseQuerySyntax } from '../../src/query/parse-query'

const parts = (query: string) => parseQuerySyntax(query).map((p) => [p.kind, p.text, p.excluded, p.start])

describe('parseQuerySyntax', () => {
  it('splits words, quoted phrases (three quote styles) and exclusions, with offsets', () => {
    expect(parts('آتش بس "نوار غزه" -مصر')).toEqual([
      ['words', 'آتش بس ', false, 0],
      ['phrase', 'نوار غزه', false, 8],
      ['words', 'مصر', true, 19],
    ])
    expect(parts('«جام جهانی» و “لیگ برتر”')).toEqual([
      ['phrase', 'جام جهانی', false, 1],
      ['words', ' و ', false, 11],
      ['phrase', 'لیگ برتر', false, 15],
    ])
    expect(parts('الكتاب -"المدرسة الثانوية"')).toEqual([
      ['words', 'الكتاب ', false, 0],
      ['phrase', 'المدرسة الثانوية', true, 9],
    ])
  })
  it('leaves unmatched quotes, inner hyphens and lone or double dashes as words', () => {
    expect(parts('"نیمه باز')).toEqual([['words', '"نیمه باز', false, 0]])
    expect(parts('covid-19 - --x')).toEqual([['words', 'covid-19 - --x', false, 0]])
    expect(parts('   ')).toEqual([])
    expect(parts('«»')).toEqual([['phrase', '', false, 1]])
  })
})
