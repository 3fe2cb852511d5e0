/**
 * Light Arabic stemmer over folded words (ي→ی, ك→ک, ة→ه, ى→ی, alef variants → ا already applied), in the
 * "light10" family of Larkey, Ballesteros and Connell that Lucene's ArabicStemmer implements: the conjunction
 * و, then one definite article or article+proclitic (ال، وال، بال، کال، فال، لل), then suffixes
 * (ها، ان، ات، ون، ین، یه، ه، ی) each removed once, in that order, while at least two letters remain.
 * Unlike light10, a word of `dictionaries/ar-stem-exceptions.txt` (checked after the article and after each
 * suffix) loses no further suffix: `ایران`, `حیوان`, `بیان` end in ان that is not a dual.
 *
 * Owns: Arabic affix removal. Must not: fold characters or know about tokens/offsets.
 */
import { getLexicon } from './lexicon'

/** Article + proclitic prefixes, longest first (after folding). */
export const ARTICLE_PREFIXES: readonly string[] = ['وال', 'بال', 'کال', 'فال', 'لل', 'ال']

/** Suffixes, in the order they are tried (each at most once). */
export const SUFFIXES: readonly string[] = ['ها', 'ان', 'ات', 'ون', 'ین', 'یه', 'ه', 'ی']

/**
 * Stems one folded Arabic word.
 *
 * @example
 * ```ts
 * stemArabic('والکتاب') // → 'کتاب'
 * stemArabic('المدرسه') // → 'مدرس'
 * ```
 */
export function stemArabic(word: string): string {
  let w = word
  // Conjunction و before anything else (light10), only on words long enough to be "و + word".
  if (w.length >= 4 && w.charCodeAt(0) === 0x0648 /* و */ && !w.startsWith('وال')) w = w.slice(1)
  for (const p of ARTICLE_PREFIXES) {
    if (w.length - p.length >= 2 && w.startsWith(p)) {
      w = w.slice(p.length)
      break
    }
  }
  const exceptions = getLexicon().arStemExceptions
  for (const s of SUFFIXES) {
    if (exceptions.has(w)) break
    if (w.length - s.length >= 2 && w.endsWith(s)) w = w.slice(0, -s.length)
  }
  return w
}
