/**
 * Turns judged queries into the four latency workloads: keyword (the query as written), phrase (its two
 * adjacent words with the most letters), prefix (autocomplete: the last word cut to half its length) and
 * fuzzy (one adjacent-letter transposition in the longest word). Deterministic.
 */
import type { QueryKind } from '../engines/types'

const WORD = /[\p{L}\p{M}\p{N}\u200C]+/gu

export function queryWords(text: string): string[] {
  return text.match(WORD) ?? []
}

export function phraseQuery(text: string): string {
  const words = queryWords(text)
  if (words.length < 2) return words.join(' ')
  let best = 0
  for (let i = 1; i + 1 < words.length; i++) {
    if (words[i].length + words[i + 1].length > words[best].length + words[best + 1].length) best = i
  }
  return `${words[best]} ${words[best + 1]}`
}

export function prefixQuery(text: string): string {
  const words = queryWords(text)
  if (words.length === 0) return ''
  const last = [...words[words.length - 1]]
  const keep = Math.max(2, Math.ceil(last.length / 2))
  words[words.length - 1] = last.slice(0, keep).join('')
  return words.join(' ')
}

export function fuzzyQuery(text: string): string {
  const words = queryWords(text)
  if (words.length === 0) return ''
  let longest = 0
  for (let i = 1; i < words.length; i++) if (words[i].length > words[longest].length) longest = i
  const chars = [...words[longest]]
  if (chars.length >= 4) {
    const i = Math.floor(chars.length / 2) - 1
    ;[chars[i], chars[i + 1]] = [chars[i + 1], chars[i]]
    words[longest] = chars.join('')
  }
  return words.join(' ')
}

export function workloadQuery(kind: QueryKind, text: string): string {
  switch (kind) {
    case 'keyword':
      return text
    case 'phrase':
      return phraseQuery(text)
    case 'prefix':
      return prefixQuery(text)
    case 'fuzzy':
      return fuzzyQuery(text)
  }
}

/** Up to `max` items spread evenly over `items` (all of them when there are fewer). */
export function spreadSample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items]
  const out: T[] = []
  for (let i = 0; i < max; i++) out.push(items[Math.floor((i * items.length) / max)])
  return out
}
