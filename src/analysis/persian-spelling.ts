/**
 * One spelling for Persian words that are written more than one way: with another hamza seat or none
 * (مسئله / مسأله / مساله, هیئت / هیأت / هیات, مسئول / مسؤول / مسوول, سؤال / سئوال), or with ط or ت, ذ or ز in words
 * of non-Arabic origin (بلیت / بلیط, اتاق / اطاق, طوفان / توفان, زغال / ذغال). The fold cannot do it (it gives
 * each letter its own form), so these spellings would be different terms; the word list in
 * `dictionaries/fa-spelling-variants.txt` says which spelling they index as. Applied to the folded word
 * before stemming, at its start, so inflected and derived forms follow (مسؤولیت‌ها, بلیط‌های → the stems of
 * مسئولیت, بلیت), also without stemming.
 *
 * Owns: the rewrite of a word's beginning. Must not: hold words (they live in dictionaries/).
 */
import { getLexicon } from './lexicon'
import { beginningLength } from './range-set'

/**
 * The word with a known variant spelling at its start replaced by the standard one (folded forms), or the
 * word itself (the same string) when it starts with none.
 *
 * @example
 * ```ts
 * canonicalPersianSpelling('مسوولان') // → 'مسیولان' (مسؤولان is written مسئولان)
 * canonicalPersianSpelling('هیجدهم')  // → 'هجدهم'
 * canonicalPersianSpelling('کتاب')    // → 'کتاب'
 * ```
 */
export function canonicalPersianSpelling(word: string): string {
  const length = variantLength(word)
  if (length === 0) return word
  return getLexicon().faSpellingVariants.get(word.slice(0, length))! + word.slice(length)
}

/**
 * Where the affix boundary of `word` (an index, or −1) lies in its standard spelling `spelled`
 * ({@link canonicalPersianSpelling}): it moves with the rest of the word, and is dropped (−1) when it fell
 * inside the replaced spelling.
 *
 * @example
 * ```ts
 * spelledBoundary('سیوالها', 'سوالها', 5) // → 4 (سئوال‌ها: the ZWNJ after سئوال)
 * ```
 */
export function spelledBoundary(word: string, spelled: string, boundary: number): number {
  if (boundary < 0 || spelled === word) return boundary
  const length = variantLength(word)
  return boundary < length ? -1 : boundary + spelled.length - word.length
}

/** Length of the variant spelling `word` starts with, or 0. */
function variantLength(word: string): number {
  return beginningLength(getLexicon().faSpellingVariants, word, 0, word.length)
}
