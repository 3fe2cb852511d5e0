/**
 * Splits the text of a JSON array into its top-level elements with their line numbers, so that a bad
 * element is reported at its own line and the good ones around it still load. Owns only this scan (one
 * pass over the characters, strings and escapes aware); parsing each element is `JSON.parse`'s job.
 */

/** One top-level element of a JSON array. */
export interface JsonElement {
  /** The element's JSON text. */
  text: string
  /** Offset of the element in the scanned text (UTF-16 code units). */
  offset: number
  /** 1-based line where the element starts. */
  line: number
  /** 0-based index of the element in the array. */
  index: number
}

/** The array itself is malformed (unclosed, text after it, an empty element): nothing after it is read. */
export class JsonArraySyntaxError extends Error {
  readonly line: number
  constructor(message: string, line: number) {
    super(message)
    this.name = 'JsonArraySyntaxError'
    this.line = line
  }
}

enum Char {
  Tab = 0x09,
  Newline = 0x0a,
  Return = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Comma = 0x2c,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  Bom = 0xfeff,
}

function isWhitespace(code: number): boolean {
  return code === Char.Space || code === Char.Newline || code === Char.Tab || code === Char.Return
}

/**
 * Yields the elements of the JSON array in `text` (which must start, after whitespace or a BOM, with
 * `[`). Throws {@link JsonArraySyntaxError} when the array's own structure is broken; the elements
 * before the break have been yielded by then.
 *
 * @example
 * ```ts
 * [...jsonArrayElements('[{"id":1},\n{"id":2}]')].map((e) => e.line) // → [1, 2]
 * ```
 */
export function* jsonArrayElements(text: string): Generator<JsonElement> {
  let position = 0
  let line = 1
  const length = text.length
  const skipWhitespace = () => {
    while (position < length) {
      const code = text.charCodeAt(position)
      if (code === Char.Newline) line++
      else if (!isWhitespace(code) && code !== Char.Bom) break
      position++
    }
  }
  skipWhitespace()
  if (text.charCodeAt(position) !== Char.OpenBracket) {
    throw new JsonArraySyntaxError('expected a JSON array starting with "["', line)
  }
  position++
  let index = 0
  for (;;) {
    skipWhitespace()
    if (position >= length) throw new JsonArraySyntaxError('the array is not closed with "]"', line)
    if (text.charCodeAt(position) === Char.CloseBracket && index === 0) {
      position++
      break
    }
    const start = position
    const startLine = line
    let depth = 0
    let inString = false
    let end = -1
    for (; position < length; position++) {
      const code = text.charCodeAt(position)
      if (code === Char.Newline) line++
      if (inString) {
        if (code === Char.Backslash) position++
        else if (code === Char.Quote) inString = false
        continue
      }
      if (code === Char.Quote) inString = true
      else if (code === Char.OpenBrace || code === Char.OpenBracket) depth++
      else if (code === Char.CloseBrace || code === Char.CloseBracket) {
        if (depth === 0) {
          end = position
          break
        }
        depth--
      } else if (code === Char.Comma && depth === 0) {
        end = position
        break
      }
    }
    if (end < 0) {
      throw new JsonArraySyntaxError(
        `element ${index} (line ${startLine}) is not closed before the end of the file`,
        startLine,
      )
    }
    const elementText = text.slice(start, end).trimEnd()
    if (elementText.length === 0) throw new JsonArraySyntaxError(`element ${index} is empty`, startLine)
    yield { text: elementText, offset: start, line: startLine, index }
    index++
    const closing = text.charCodeAt(end)
    position = end + 1
    if (closing === Char.CloseBracket) break
  }
  skipWhitespace()
  if (position < length) throw new JsonArraySyntaxError('unexpected text after the closing "]"', line)
}

/**
 * The 1-based line, within `text`, of the position a `JSON.parse` SyntaxError names ("at position N"),
 * or 1 when the message has none.
 */
export function lineOfSyntaxError(text: string, error: unknown): number {
  const match = error instanceof Error ? /position (\d+)/.exec(error.message) : null
  if (match === null) return 1
  const position = Math.min(Number(match[1]), text.length)
  let line = 1
  for (let i = 0; i < position; i++) if (text.charCodeAt(i) === Char.Newline) line++
  return line
}

/** `JSON.parse`'s message without the position suffix (we print the line instead). */
export function syntaxErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/, (?:\.\.\.)?"[\s\S]*" is not valid JSON$/, '')
}
