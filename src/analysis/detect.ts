/**
 * Language detection from letters: Persian-only letters (پ چ ژ گ, Farsi yeh ی and keheh ک, ۀ, Persian digits,
 * ZWNJ) against Arabic-only ones (ة, ى, Arabic-Indic digits, words that start with the article ال). No dictionary, no n-gram model: the letters are
 * what differ in writing, they survive short texts, and the same rule runs on documents and queries.
 *
 * Owns: choosing 'fa' or 'ar' for a text. Must not: fold or tokenize.
 */
import { getCharTable, SEP, SIGNAL_AR, SIGNAL_FA, SIGNAL_FA_WEAK } from './char-table'
import type { ResolvedLanguage } from './types'

/**
 * Decides whether `text` is Persian or Arabic from its letters; `null` when it has no telling letter
 * (e.g. `كتاب`, or Latin text). Farsi yeh ی and keheh ک count here: they tell a Persian document from
 * an Arabic one. Queries are not decided here (see `analyzeQuery`): a Persian keyboard types ی/ک in Arabic
 * words too.
 *
 * @example
 * ```ts
 * detectLanguage('گفتگوی مقامات') // → 'fa'
 * detectLanguage('المدرسة الكبرى') // → 'ar'
 * detectLanguage('كتاب')          // → null
 * ```
 */
export function detectLanguage(text: string): ResolvedLanguage | null {
  const { signal } = getCharTable()
  let fa = 0
  let ar = 0
  const { cls } = getCharTable()
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i)
    const s = signal[u]!
    if ((s & SIGNAL_FA) !== 0 || s === SIGNAL_FA_WEAK) fa++
    else if (s === SIGNAL_AR) ar++
    // A word that starts with the article ال is a strong Arabic signal (Persian has few such words).
    else if (
      u === 0x0627 &&
      text.charCodeAt(i + 1) === 0x0644 &&
      (i === 0 || cls[text.charCodeAt(i - 1)] === SEP)
    ) {
      ar++
    }
  }
  if (fa === 0 && ar === 0) return null
  return fa >= ar ? 'fa' : 'ar'
}
