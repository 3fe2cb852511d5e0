/**
 * Splits a raw query string into its syntactic parts: plain words, `"quoted phrases"` (also «…» and
 * “…”) and `-excluded` words or phrases. Owns only this surface syntax; every part's text is analysed
 * later, exactly like document text. Never throws: anything that is not well-formed syntax is plain text.
 */

/** One syntactic part of a query. */
export interface QueryPart {
  /** `'words'`: plain words (analysed with `analyzeQuery`); `'phrase'`: a quoted phrase. */
  kind: 'words' | 'phrase'
  /** The part's text without quotes or the leading `-`. */
  text: string
  /** True for `-word` / `-"phrase"`: documents matching it are excluded. */
  excluded: boolean
  /** Offset of `text` in the query string. */
  start: number
}

const CLOSING_QUOTE: Record<string, string> = { '"': '"', '«': '»', '“': '”' }

/**
 * Splits `query` into parts, in order.
 *
 * @example
 * ```ts
 * parseQuerySyntax('غزه "آتش بس" -مصر')
 * // → [{ kind: 'words', text: 'غزه ', … }, { kind: 'phrase', text: 'آتش بس', … },
 * //    { kind: 'words', text: 'مصر', excluded: true, … }]
 * ```
 */
export function parseQuerySyntax(query: string): QueryPart[] {
  const parts: QueryPart[] = []
  let wordsStart = 0
  const flushWords = (end: number) => {
    if (end > wordsStart) {
      const text = query.slice(wordsStart, end)
      if (text.trim().length > 0) parts.push({ kind: 'words', text, excluded: false, start: wordsStart })
    }
  }
  // Where each closing quote last occurs: an opener after it cannot close (keeps long junk linear).
  const lastClosing: Record<string, number> = {}
  for (const closing of Object.values(CLOSING_QUOTE)) lastClosing[closing] = query.lastIndexOf(closing)
  const findClosing = (closing: string, from: number) =>
    lastClosing[closing] >= from ? query.indexOf(closing, from) : -1
  let i = 0
  while (i < query.length) {
    // Most characters are neither a quote nor '-': skipped without making a one-character string.
    const code = query.charCodeAt(i)
    if (code !== 0x22 && code !== 0xab && code !== 0x201c && code !== 0x2d) {
      i++
      continue
    }
    const char = query[i]
    const atWordStart = i === 0 || isSpace(query.charCodeAt(i - 1))
    const closing = CLOSING_QUOTE[char]
    if (closing !== undefined) {
      const close = findClosing(closing, i + 1)
      if (close > i) {
        flushWords(i)
        parts.push({ kind: 'phrase', text: query.slice(i + 1, close), excluded: false, start: i + 1 })
        i = close + 1
        wordsStart = i
        continue
      }
    } else if (char === '-' && atWordStart && i + 1 < query.length) {
      const next = query[i + 1]
      const nextClosing = CLOSING_QUOTE[next]
      if (nextClosing !== undefined) {
        const close = findClosing(nextClosing, i + 2)
        if (close > i + 1) {
          flushWords(i)
          parts.push({ kind: 'phrase', text: query.slice(i + 2, close), excluded: true, start: i + 2 })
          i = close + 1
          wordsStart = i
          continue
        }
      } else if (!isSpace(query.charCodeAt(i + 1)) && next !== '-') {
        let end = i + 1
        while (end < query.length && !isSpace(query.charCodeAt(end))) end++
        flushWords(i)
        parts.push({ kind: 'words', text: query.slice(i + 1, end), excluded: true, start: i + 1 })
        i = end
        wordsStart = i
        continue
      }
    }
    i++
  }
  flushWords(query.length)
  return parts
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x3000 || code === 0x2028
  )
}
