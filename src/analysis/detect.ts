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
  const counts = scratchCounts
  countLanguageSignals(text, counts)
  return languageOfSignals(counts.persianSignals, counts.arabicSignals)
}

/** Counts of the letters {@link detectLanguage} weighs (the tokenizer counts them as it scans). */
export interface LanguageSignalCounts {
  /** Code units with a Persian signal (پ چ ژ گ ۀ, Persian digits, ZWNJ, Farsi ی and ک). */
  persianSignals: number
  /** Code units with an Arabic signal (ة ى, Arabic-Indic digits), and words that start with ال. */
  arabicSignals: number
}

const scratchCounts: LanguageSignalCounts = { persianSignals: 0, arabicSignals: 0 }

/** The language that signal counts of a text decide, or null when the text had none. */
export function languageOfSignals(persianSignals: number, arabicSignals: number): ResolvedLanguage | null {
  if (persianSignals === 0 && arabicSignals === 0) return null
  return persianSignals >= arabicSignals ? 'fa' : 'ar'
}

/** Counts the language signals of `text` into `counts`: the rule of {@link detectLanguage}. */
export function countLanguageSignals(text: string, counts: LanguageSignalCounts): void {
  const { signal, cls } = getCharTable()
  const sep = SEP
  const fa = SIGNAL_FA
  const faWeak = SIGNAL_FA_WEAK
  const ar = SIGNAL_AR
  let persian = 0
  let arabic = 0
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i)
    const s = signal[u]!
    if ((s & fa) !== 0 || s === faWeak) persian++
    else if (s === ar) arabic++
    // A word that starts with the article ال is a strong Arabic signal (Persian has few such words).
    else if (
      u === 0x0627 &&
      text.charCodeAt(i + 1) === 0x0644 &&
      (i === 0 || cls[text.charCodeAt(i - 1)] === sep)
    ) {
      arabic++
    }
  }
  counts.persianSignals = persian
  counts.arabicSignals = arabic
}
