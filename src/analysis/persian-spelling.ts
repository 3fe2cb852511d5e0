/**
 * One spelling for Persian words written with different hamza seats or without the hamza: مسئله / مسأله /
 * مساله, هیئت / هیأت / هیات, مسئول / مسؤول / مسوول, سؤال / سئوال, جرئت / جرأت. The fold gives each seat its
 * own letter (ئ → ی, أ → ا, ؤ → و), so these spellings would be different terms; the word list in
 * `dictionaries/fa-spelling-variants.txt` says which spelling they index as. Applied to Persian terms after
 * stemming, at the start of the term, so inflected and derived forms follow (مسؤولیت‌ها → مسئولیت).
 *
 * Owns: the rewrite of a term's beginning. Must not: hold words (they live in dictionaries/).
 */
import { getLexicon } from './lexicon'

/** Lengths of the variant spellings, and their first two code units (`c0 << 16 | c1`): most terms fail this. */
let keyLengths: readonly number[] | undefined
let keyStarts: ReadonlySet<number> = new Set()

/**
 * The term with a known variant spelling at its start replaced by the standard one (folded forms); the
 * term itself when it starts with none.
 *
 * @example
 * ```ts
 * canonicalPersianSpelling('مسوولان') // → 'مسیولان' (مسؤولان indexes as مسئولان)
 * canonicalPersianSpelling('هیات')    // → 'هییت'
 * canonicalPersianSpelling('کتاب')    // → 'کتاب'
 * ```
 */
export function canonicalPersianSpelling(term: string): string {
  const variants = getLexicon().faSpellingVariants
  if (keyLengths === undefined) {
    keyLengths = [...new Set([...variants.keys()].map((k) => k.length))]
    keyStarts = new Set([...variants.keys()].map((k) => (k.charCodeAt(0) << 16) | k.charCodeAt(1)))
  }
  if (term.length < 2 || !keyStarts.has((term.charCodeAt(0) << 16) | term.charCodeAt(1))) return term
  for (const length of keyLengths) {
    if (term.length < length) continue
    const canonical = variants.get(term.slice(0, length))
    if (canonical !== undefined) return canonical + term.slice(length)
  }
  return term
}
