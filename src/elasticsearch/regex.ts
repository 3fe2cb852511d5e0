/**
 * Small builders for the Java regular expressions and mapping rules that the Elasticsearch settings carry.
 * Everything here produces text for Java's `java.util.regex` (what Lucene's pattern filters compile) or
 * for the `mapping` char filter's rule syntax; nothing here runs a regex in JavaScript.
 *
 * Owns: escaping, character classes from code-unit sets, word alternations, the private-use tags.
 * Must not: know kavosh's analysis rules (those are read from src/analysis by the chain builders).
 */

/** ZWNJ as a Java regex escape. */
export const ZWNJ = '\\u200C'

/**
 * Private-use characters that the chain uses as tags inside tokens while it runs; all are removed before a
 * term leaves the analyzer. Input text in U+E000–U+E01F is turned into spaces first (kavosh treats private-use
 * characters as separators anyway), so a document cannot forge a tag.
 */
export const TAG = {
  /** Inserted (auto mode) before a word whose own letters say Persian. */
  signalFa: 0xe001,
  /** The language of a token, put at its start by the first token filter. */
  fa: 0xe00a,
  ar: 0xe00b,
  /**
   * Stemmer state: the token is final (an exception, or a rule returned); it is a verb; only ی/یی may still
   * go (stripAdjectival); an adjectival ی went, noun endings are tried once more.
   */
  keep: 0xe010,
  verb: 0xe011,
  adjectival: 0xe012,
  second: 0xe013,
  /**
   * Put after each أ إ (hamzaAlef) and آ (maddaAlef) of a word of the Arabic chain before the fold writes it
   * ا (char-level `hamzaAlefFilters`): the stop filter reads the madda (kavosh: `RawWord.maddaAlefs`), the
   * article rule both (an ال so written is none, `isArticleAt` in stem-ar.ts); then they go.
   */
  hamzaAlef: 0xe014,
  maddaAlef: 0xe015,
  /**
   * Put after a word's final ا whose marks hold a tanween fath (char-level `tanweenAlefFilter`; kavosh:
   * TANWEEN_ALEF): the stop filter lists the words with it, the Arabic stemmer's first rule drops the alef
   * with it, {@link unmarkFilter}-like rules remove it otherwise.
   */
  tanweenAlef: 0xe016,
  /**
   * Put after a word's final ى (char-level `maqsuraFilter`; kavosh: FINAL_YEH, set for a final yeh not so
   * written): the stop filter lists the words the Arabic list writes with a final ى only (على) with it alone,
   * the other Arabic stop words in ی with and without it; removed right after the stop filter.
   */
  maqsura: 0xe017,
} as const

/** First and last code unit of the reserved private-use range. */
export const RESERVED_FIRST = 0xe000
export const RESERVED_LAST = 0xe01f

/** `\uXXXX` escape of one code unit (understood by Java regexes and by the `mapping` rule parser). */
export function u(code: number): string {
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/** The literal character of a code unit (for replacements and stop words, which do not unescape). */
export function chr(code: number): string {
  return String.fromCharCode(code)
}

const letter = /^\p{L}$/u

/** A string as a regex literal: letters as themselves (readable), everything else escaped. */
export function lit(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    out += letter.test(c) ? c : u(s.charCodeAt(i))
  }
  return out
}

/**
 * A word whose letters may be separated by ZWNJ: `sep` is the regex between letters (`\u200C?` inside a
 * token that holds at most one ZWNJ, `\u200C*` in running text).
 */
export function spaced(word: string, sep: string): string {
  return [...word].map(lit).join(sep)
}

/**
 * A regex that matches exactly the given words, shaped as a trie (`(?:ک(?:تاب|ار)|…)`) so that Java does
 * not try hundreds of alternatives letter by letter; `sep` goes between letters (e.g. `\u200C?`).
 */
export function wordTrie(words: Iterable<string>, sep = ''): string {
  interface Node {
    end: boolean
    next: Map<string, Node>
  }
  const root: Node = { end: false, next: new Map() }
  for (const w of words) {
    let node = root
    for (const c of w) {
      let child = node.next.get(c)
      if (!child) {
        child = { end: false, next: new Map() }
        node.next.set(c, child)
      }
      node = child
    }
    node.end = true
  }
  const emit = (node: Node): string => {
    const parts: string[] = []
    for (const [c, child] of [...node.next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let piece = lit(c)
      if (child.next.size > 0) {
        const rest = sep + emit(child)
        piece += child.end ? `(?:${rest})?` : rest
      }
      parts.push(piece)
    }
    return parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`
  }
  return root.next.size === 0 ? '(?!)' : `(?:${emit(root)})`
}

/**
 * A stop word as it may stand in a token of the Arabic chain (see `TAG.hamzaAlef`): each آ of `word` (a
 * folded word that keeps its آ) as ا with the madda tag, each ا with or without the hamza tag, in every
 * combination (the plain word first when it has no آ), and a final plain ا also with the tanween tag.
 */
export function alefTagVariants(word: string): string[] {
  let variants = ['']
  for (const c of word) {
    if (c === 'آ') {
      variants = variants.map((v) => `${v}ا${chr(TAG.maddaAlef)}`)
      continue
    }
    const next = variants.map((v) => v + c)
    if (c === 'ا') for (const v of variants) next.push(`${v}${c}${chr(TAG.hamzaAlef)}`)
    variants = next
  }
  // A final plain ا may carry the tanween tag (TAG.tanweenAlef: أيضاً is a stop word as أيضا).
  if (word.endsWith('ا'))
    for (const v of [...variants]) if (v.endsWith('ا')) variants.push(v + chr(TAG.tanweenAlef))
  return variants
}

/**
 * The tokens of an Arabic stop word in ی as the stop filter sees them (see `TAG.maqsura`): written with a
 * final ى (the tag) and, unless the list writes it with a final ى only (`maqsuraOnly`), without.
 */
export function maqsuraTagVariants(variants: readonly string[], maqsuraOnly: boolean): string[] {
  const out: string[] = []
  for (const v of variants) {
    if (!v.endsWith('ی')) out.push(v)
    else {
      if (!maqsuraOnly) out.push(v)
      out.push(v + chr(TAG.maqsura))
    }
  }
  return out
}

/**
 * `regex` (built from folded words with `wordTrie`, `alternation` or `spaced`: letters as themselves) with
 * either alef tag allowed after each ا: a list kavosh matches on folded words, whatever the alef was written.
 */
export function alefTagsAllowed(regex: string): string {
  return regex.replaceAll('ا', `ا[${u(TAG.hamzaAlef)}${u(TAG.maddaAlef)}]?`)
}

/** `(?:a|b|…)` of the given words (deduplicated, longest first), each rendered with `render`. */
export function alternation(words: Iterable<string>, render: (w: string) => string = lit): string {
  const list = [...new Set(words)].filter((w) => w.length > 0)
  list.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
  return `(?:${list.map(render).join('|')})`
}

/**
 * A Java character class for the code units `c` in [0, 0xFFFF] with `member(c)`. When `negate`, the same set
 * is written as `[^non-members]`, with supplementary code points also excluded (kavosh treats them as
 * separators). Members should not include surrogates.
 */
export function charClass(member: (c: number) => boolean, negate = false): string {
  const ranges: string[] = []
  let c = 0
  while (c <= 0xffff) {
    const inside = member(c) !== negate
    if (!inside) {
      c++
      continue
    }
    let end = c
    while (end + 1 <= 0xffff && member(end + 1) !== negate) end++
    ranges.push(end === c ? u(c) : end === c + 1 ? u(c) + u(end) : `${u(c)}-${u(end)}`)
    c = end + 1
  }
  if (negate) return `[^${ranges.join('')}\\x{10000}-\\x{10FFFF}]`
  return `[${ranges.join('')}]`
}

/** The shorter of the plain and the negated class of the same code-unit set. */
export function compactClass(member: (c: number) => boolean): string {
  const plain = charClass(member)
  const negated = charClass(member, true)
  return negated.length < plain.length ? negated : plain
}
