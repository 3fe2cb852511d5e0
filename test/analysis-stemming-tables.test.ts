/**
 * The stemming rules added for ranking quality (issue #5): the Arabic final hamza and attached pronouns
 * (stem-ar.ts).
 */
import { describe, expect, it } from 'vitest'
import { stemArabic } from '../src/analysis/stem-ar'
import { analyze } from '../src/index'

const terms = (text: string, language: 'fa' | 'ar') =>
  analyze(text, { language, stopWords: false }).map((t) => t.term)

describe('Arabic final hamza and attached pronouns', () => {
  it('drops a final hamza after alef, as informal text does', () => {
    expect(terms('السماء', 'ar')).toEqual(terms('السما', 'ar'))
    expect(terms('أسماء', 'ar')).toEqual(terms('اسما', 'ar'))
    // Three-letter words keep it (ماء).
    expect(stemArabic('ماء')).toBe('ماء')
  })
  it('removes one attached pronoun هم، کم، نا before the light10 suffixes', () => {
    expect(terms('كتبهم', 'ar')).toEqual(terms('كتب', 'ar'))
    expect(terms('صلاتهم', 'ar')).toEqual(terms('صلات', 'ar'))
    expect(terms('بيوتكم', 'ar')).toEqual(terms('بيوت', 'ar'))
    expect(terms('أرضنا', 'ar')).toEqual(terms('أرض', 'ar'))
    expect(stemArabic('هدفهم')).toBe('هدف')
  })
  it('keeps three letters: فهم, سهم, وهم are words, not pronoun forms', () => {
    expect(stemArabic('فهم')).toBe('فهم')
    expect(stemArabic('سهم')).toBe('سهم')
    expect(stemArabic('تفهم')).toBe('تفهم')
  })
})
