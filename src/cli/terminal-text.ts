/**
 * Terminal rendering of Persian/Arabic text: strips characters that could corrupt a terminal or leak a
 * direction into the next line, marks matched words (ANSI colour or plain brackets), wraps at word
 * boundaries (never inside a word, a ZWNJ compound or a surrogate pair) and sets each line's base
 * direction with a mark so bidi-aware terminals lay out mixed lines correctly. Owns text→lines only;
 * never decides what matched.
 */

/** A run of text, matched (highlighted) or not. */
export interface Segment {
  text: string
  marked: boolean
}

/** How to render marked text and direction. */
export interface TextStyle {
  /** ANSI colour for matches (else `[` `]` around them). */
  color: boolean
  /** Prefix lines with a direction mark (RLM/LRM) chosen from their letters. */
  directionMarks: boolean
}

/** Right-to-left mark: a strong RTL character of zero width. */
export const RLM = '\u200F'
/** Left-to-right mark. */
export const LRM = '\u200E'

const MARK_ON = '\x1b[1;33m'
const MARK_OFF = '\x1b[22;39m'
const DIM_ON = '\x1b[2m'
const DIM_OFF = '\x1b[22m'

/**
 * Makes document text safe and single-line for a terminal: C0/C1 controls (ESC above all: a document
 * must not be able to send escape sequences) and bidi embedding/override/isolate controls (they would
 * reorder our own output) are removed; line breaks and tabs become spaces. ZWNJ/ZWJ and the plain
 * marks (LRM, RLM, ALM) stay: they are part of the spelling and never affect other lines.
 */
export function sanitizeForTerminal(text: string): string {
  return text
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '')
}

/**
 * `'rtl'` when the text's first strong letter is Arabic-script/Hebrew, `'ltr'` when it is another
 * letter, `null` without letters (as Unicode's paragraph-direction rule P2).
 */
export function firstStrongDirection(text: string): 'rtl' | 'ltr' | null {
  for (const char of text) {
    if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(char)) {
      if (/\p{L}/u.test(char)) return 'rtl'
    } else if (/\p{L}/u.test(char)) return 'ltr'
  }
  return null
}

/** `'rtl'` when most letters are right-to-left. */
export function dominantDirection(text: string): 'rtl' | 'ltr' | null {
  let rtl = 0
  let ltr = 0
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue
    if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(char)) rtl++
    else ltr++
  }
  if (rtl === 0 && ltr === 0) return null
  return rtl >= ltr ? 'rtl' : 'ltr'
}

/** Columns a string takes: combining marks and format characters (ZWNJ, RLM) take none. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) {
    if (/[\p{M}\p{Cf}]/u.test(char)) continue
    width++
  }
  return width
}

/**
 * The segments of a highlighted snippet: `original.slice(start, end)` with the `matches` (offsets into
 * `original`) marked, and `…` where the field was cut.
 */
export function snippetSegments(
  original: string,
  highlight: { start: number; end: number; matches: readonly { start: number; end: number }[] },
): Segment[] {
  const segments: Segment[] = []
  if (highlight.start > 0) segments.push({ text: '…', marked: false })
  let cursor = highlight.start
  for (const match of highlight.matches) {
    if (match.start < cursor || match.end > highlight.end) continue
    if (match.start > cursor) segments.push({ text: original.slice(cursor, match.start), marked: false })
    segments.push({ text: original.slice(match.start, match.end), marked: true })
    cursor = match.end
  }
  if (cursor < highlight.end) segments.push({ text: original.slice(cursor, highlight.end), marked: false })
  if (highlight.end < original.length) segments.push({ text: '…', marked: false })
  return segments
    .map((segment) => ({ ...segment, text: sanitizeForTerminal(segment.text) }))
    .filter((segment) => segment.text.length > 0)
}

/**
 * Splits segments into lines of at most `width` columns, breaking only at spaces (a word longer than
 * the width gets a line of its own). `Infinity` keeps one line.
 */
export function wrapSegments(segments: readonly Segment[], width: number): Segment[][] {
  // Words keep their segment pieces, so a word that is partly marked stays one unit.
  const words: Segment[][] = []
  let current: Segment[] = []
  for (const segment of segments) {
    const parts = segment.text.split(' ')
    parts.forEach((part, i) => {
      if (i > 0) {
        words.push(current)
        current = []
      }
      if (part !== '') current.push({ text: part, marked: segment.marked })
    })
  }
  words.push(current)
  const lines: Segment[][] = []
  let line: Segment[] = []
  let lineWidth = 0
  for (const word of words) {
    if (word.length === 0) continue
    const wordWidth = word.reduce((sum, piece) => sum + displayWidth(piece.text), 0)
    if (line.length > 0 && lineWidth + 1 + wordWidth > width) {
      lines.push(line)
      line = []
      lineWidth = 0
    }
    if (line.length > 0) {
      appendPiece(line, { text: ' ', marked: isMarkedJoin(line, word) })
      lineWidth++
    }
    for (const piece of word) appendPiece(line, piece)
    lineWidth += wordWidth
  }
  if (line.length > 0) lines.push(line)
  return lines
}

/** A space between two marked words stays inside the mark (one highlighted phrase). */
function isMarkedJoin(line: Segment[], word: Segment[]): boolean {
  return line[line.length - 1]?.marked === true && word[0]?.marked === true
}

function appendPiece(line: Segment[], piece: Segment): void {
  const last = line[line.length - 1]
  if (last !== undefined && last.marked === piece.marked) last.text += piece.text
  else line.push({ ...piece })
}

/** Renders one line: marks as colour or brackets, and the direction mark for bidi terminals. */
export function renderLine(line: readonly Segment[], style: TextStyle): string {
  let text = ''
  for (const segment of line) {
    if (!segment.marked) text += segment.text
    else if (style.color) text += MARK_ON + segment.text + MARK_OFF
    else text += `[${segment.text}]`
  }
  return directionPrefix(line.map((segment) => segment.text).join(''), style) + text
}

/**
 * The mark that sets a line's base direction to that of most of its letters, so a Persian line that
 * starts with a Latin word or a number is still laid out right-to-left (and the reverse).
 */
export function directionPrefix(plain: string, style: TextStyle): string {
  if (!style.directionMarks) return ''
  const direction = dominantDirection(plain)
  if (direction === null) return ''
  return direction === 'rtl' ? RLM : LRM
}

/** Dim text (labels, scores) when colour is on. */
export function dim(text: string, style: TextStyle): string {
  return style.color ? DIM_ON + text + DIM_OFF : text
}

/**
 * A left-to-right line of cells (a table row, a "label: value" line) in which right-to-left cells stay
 * in their columns: each RTL cell is closed with an LRM so neighbouring RTL cells never merge into one
 * run that a bidi terminal would reverse.
 */
export function ltrCells(cells: readonly string[], style: TextStyle): string {
  if (!style.directionMarks) return cells.join('')
  return LRM + cells.map((cell) => (dominantDirection(cell) === 'rtl' ? cell + LRM : cell)).join('')
}

/** Pads a cell to `width` display columns. */
export function padCell(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}
