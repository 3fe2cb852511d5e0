/**
 * Highlighting: finds the words of a stored field that matched a query, picks the best passage and cuts
 * a snippet from the ORIGINAL text with match ranges and a ready, HTML-escaped `<mark>` form. Owns which
 * occurrences count (a phrase's words only where the phrase occurs), snippet selection and rendering; which
 * terms matched comes from the evaluator, and the word offsets and positions come from `analyze` (so
 * diacritics, ZWNJ and clitics removed by analysis are still highlighted as written, as whole words).
 */

import type { QueryWordsOfTerms } from './compile-query'

/** A highlighted passage of one field of one hit. */
export interface Highlight {
  /** The snippet: `original.slice(start, end)`. */
  text: string
  /** Offset of the snippet in the original field text (UTF-16 code units). */
  start: number
  /** Offset just past the snippet in the original field text. */
  end: number
  /** Matched words, as offsets into the ORIGINAL field text (not into `text`), in order. */
  matches: { start: number; end: number }[]
  /**
   * The snippet HTML-escaped, matched words wrapped in `<mark>…</mark>`, with `…` where the field text
   * was cut. Safe to assign to `innerHTML` (set `dir="auto"` or `dir="rtl"` on the container).
   */
  html: string
}

/** A word of the field text with whether it matched. */
export interface WordOffsets {
  start: number
  end: number
}

/** A matched word of the field text: which query word it matched (`word`) and how well (`weight`). */
export interface MatchedWord extends WordOffsets {
  /** The query word (clause) the match stands for: an exact term and its fuzzy neighbours share it. */
  word: number
  /** 1 for an exact match, lower for prefix and fuzzy expansions. */
  weight: number
  /**
   * Other query words the match stands for as well (a word inside an occurrence of a quoted phrase that is
   * also a query word of its own: غزه of "نوار غزه" غزه).
   */
  also?: readonly number[]
}

/** A word of the field text whose term is a term of the query: `term` indexes the query's `termIds`. */
export interface TermOccurrence extends WordOffsets {
  term: number
  /** Word position in the field, as indexed (stop words counted). */
  position: number
}

/**
 * The matched words among `occurrences` (the field's words whose term is a query term, in text order): a
 * term the query matches on its own (a one-term alternative: a word, its stems, expansions) at every
 * occurrence; a term the query matches only inside a phrase (a quoted phrase, or a compound split: a query
 * word indexed as two, کتابخانه as کتاب خانه) only where the whole phrase occurs, as the evaluator matched
 * it. A word in a phrase occurrence stands for the phrase's query word, and for its own if it has one.
 *
 * @example
 * ```ts
 * // '"نوار غزه"' over 'غزه امروز … نوار غزه': the lone غزه (position 0) is left out.
 * matchedWords([{ start: 0, end: 3, term: 1, position: 0 }, …], queryWordsOfTerms(compiled))
 * ```
 */
export function matchedWords(
  occurrences: readonly TermOccurrence[],
  words: QueryWordsOfTerms,
): MatchedWord[] {
  const matched: MatchedWord[] = []
  if (words.phrases.length === 0) {
    for (const { start, end, term } of occurrences)
      matched.push({ start, end, word: words.word[term], weight: words.weight[term] })
    return matched
  }
  // The occurrence of each (position, term), and per occurrence the phrase words it is part of.
  const termCount = words.word.length
  const at = new Map<number, number>()
  for (let i = 0; i < occurrences.length; i++)
    at.set(occurrences[i].position * termCount + occurrences[i].term, i)
  let phraseWords: (number[] | undefined)[] | null = null
  let phraseWeight: Float64Array | null = null
  for (const phrase of words.phrases) {
    for (const occurrence of occurrences) {
      if (occurrence.term !== phrase.cursors[0]) continue
      let whole = true
      for (let j = 1; j < phrase.cursors.length && whole; j++)
        whole = at.has((occurrence.position + phrase.offsets[j]) * termCount + phrase.cursors[j])
      if (!whole) continue
      phraseWords ??= new Array(occurrences.length)
      phraseWeight ??= new Float64Array(occurrences.length)
      for (let j = 0; j < phrase.cursors.length; j++) {
        const i = at.get((occurrence.position + phrase.offsets[j]) * termCount + phrase.cursors[j])!
        const list = phraseWords[i]
        if (list === undefined) phraseWords[i] = [phrase.word]
        else if (!list.includes(phrase.word)) list.push(phrase.word)
        phraseWeight[i] = Math.max(phraseWeight[i], phrase.weight)
      }
    }
  }
  for (let i = 0; i < occurrences.length; i++) {
    const { start, end, term } = occurrences[i]
    const own = words.word[term]
    const inPhrases = phraseWords?.[i]
    if (inPhrases === undefined) {
      if (own >= 0) matched.push({ start, end, word: own, weight: words.weight[term] })
      continue
    }
    const also = own >= 0 ? inPhrases.filter((word) => word !== own) : inPhrases.slice(1)
    matched.push({
      start,
      end,
      word: own >= 0 ? own : inPhrases[0],
      weight: Math.max(own >= 0 ? words.weight[term] : 0, phraseWeight![i]),
      ...(also.length > 0 ? { also } : {}),
    })
  }
  return matched
}

/**
 * Builds the highlight of `text` for the matched words `matches` (sorted by start, non-overlapping),
 * choosing the window of about `length` characters that matches the most distinct query words, then the
 * highest summed match weight (exact matches before typo neighbours), then the earliest. Returns null when
 * nothing matched.
 *
 * @example
 * ```ts
 * const text = 'آتش‌بس در غزه برقرار شد'
 * highlightPassage(text, [{ start: 10, end: 13, word: 0, weight: 1 }], 160).html
 * // → 'آتش‌بس در <mark>غزه</mark> برقرار شد'
 * ```
 */
export function highlightPassage(
  text: string,
  matches: readonly MatchedWord[],
  length: number,
): Highlight | null {
  if (matches.length === 0) return null
  let bestFrom = 0
  let bestTo = 0
  let bestDistinct = 0
  let bestWeight = 0
  const wordCounts = new Map<number, number>()
  let distinct = 0
  let weight = 0
  let from = 0
  const add = (word: number) => {
    const count = wordCounts.get(word) ?? 0
    if (count === 0) distinct++
    wordCounts.set(word, count + 1)
  }
  const remove = (word: number) => {
    const left = wordCounts.get(word)! - 1
    wordCounts.set(word, left)
    if (left === 0) distinct--
  }
  for (let to = 0; to < matches.length; to++) {
    add(matches[to].word)
    for (const word of matches[to].also ?? []) add(word)
    weight += matches[to].weight
    while (matches[to].end - matches[from].start > length && from < to) {
      remove(matches[from].word)
      for (const word of matches[from].also ?? []) remove(word)
      weight -= matches[from].weight
      from++
    }
    // A small tolerance: the running sum of weights below 1 drifts in the last bits.
    if (distinct > bestDistinct || (distinct === bestDistinct && weight > bestWeight + 1e-9)) {
      bestDistinct = distinct
      bestWeight = weight
      bestFrom = from
      bestTo = to
    }
  }
  const passageStart = matches[bestFrom].start
  const passageEnd = matches[bestTo].end
  let start: number
  let end: number
  if (text.length <= length) {
    start = 0
    end = text.length
  } else {
    const slack = Math.max(0, length - (passageEnd - passageStart))
    start = Math.max(0, passageStart - Math.floor(slack / 2))
    end = Math.min(text.length, start + Math.max(length, passageEnd - passageStart))
    if (end === text.length) start = Math.max(0, end - Math.max(length, passageEnd - passageStart))
    // A cut inside a surrogate pair (an emoji glued to the matched word) moves inward, past the pair's
    // half on the cut side: the snippet keeps no lone surrogate and stays within `length`. Matches
    // never start or end inside a pair, so the passage is still whole.
    start = snapStart(text, start, passageStart)
    if (splitsSurrogatePair(text, start)) start++
    end = snapEnd(text, end, passageEnd)
    if (splitsSurrogatePair(text, end)) end--
  }
  const inside = mergeAcrossZwnj(
    text,
    matches.filter((match) => match.start >= start && match.end <= end),
  )
  let html = start > 0 ? '…' : ''
  let cursor = start
  for (const match of inside) {
    html +=
      escapeHtml(text.slice(cursor, match.start)) +
      '<mark>' +
      escapeHtml(text.slice(match.start, match.end)) +
      '</mark>'
    cursor = match.end
  }
  html += escapeHtml(text.slice(cursor, end)) + (end < text.length ? '…' : '')
  return {
    text: text.slice(start, end),
    start,
    end,
    matches: inside,
    html,
  }
}

/**
 * Matches that only ZWNJs separate (the parts of one written word, آتش‌بس, matched as a phrase) become one
 * range, so the word is marked whole.
 */
function mergeAcrossZwnj(
  text: string,
  matches: readonly { start: number; end: number }[],
): { start: number; end: number }[] {
  const merged: { start: number; end: number }[] = []
  for (const match of matches) {
    const last = merged[merged.length - 1]
    if (last !== undefined && match.start > last.end && onlyZwnj(text, last.end, match.start)) {
      last.end = match.end
    } else merged.push({ start: match.start, end: match.end })
  }
  return merged
}

function onlyZwnj(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 0x200c) return false
  return true
}

/**
 * Escapes `& < > " '` for use in HTML text and attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"غزه"</b>') // → '&lt;b&gt;&quot;غزه&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char])
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Moves a cut start forward to the beginning of a word (not past `limit`). */
function snapStart(text: string, start: number, limit: number): number {
  if (start === 0 || isBreak(text.charCodeAt(start - 1))) return start
  let position = start
  while (position < limit && !isBreak(text.charCodeAt(position))) position++
  if (position >= limit) return start
  while (position < limit && isBreak(text.charCodeAt(position))) position++
  return position
}

/** Moves a cut end back to the end of a word (not before `limit`). */
function snapEnd(text: string, end: number, limit: number): number {
  if (end === text.length || isBreak(text.charCodeAt(end))) return trimEnd(text, end, limit)
  let position = end
  while (position > limit && !isBreak(text.charCodeAt(position - 1))) position--
  if (position <= limit) return end
  return trimEnd(text, position, limit)
}

function trimEnd(text: string, end: number, limit: number): number {
  let position = end
  while (position > limit && isBreak(text.charCodeAt(position - 1))) position--
  return position
}

/** True when `offset` falls between the two halves of a surrogate pair of `text`. */
function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false
  const before = text.charCodeAt(offset - 1)
  const after = text.charCodeAt(offset)
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff
}

function isBreak(code: number): boolean {
  return (
    code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x2028 || code === 0x2029
  )
}
