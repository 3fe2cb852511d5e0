import { describe, expect, it } from 'vitest'
import {
  displayWidth,
  dominantDirection,
  firstStrongDirection,
  LRM,
  ltrCells,
  RLM,
  renderLine,
  sanitizeForTerminal,
  snippetSegments,
  wrapSegments,
} from '../../src/cli/terminal-text'

const plain = { color: false, directionMarks: false }
const terminal = { color: true, directionMarks: true }

describe('sanitizeForTerminal', () => {
  it('removes escape sequences and bidi overrides, keeps ZWNJ and marks, flattens lines', () => {
    expect(sanitizeForTerminal('a\x1b[31mb\u202Ec\u2067d\u2069')).toBe('a[31mbcd')
    expect(sanitizeForTerminal('کتاب‌ها\n\tو\u200F')).toBe('کتاب‌ها و\u200F')
  })
})

describe('direction', () => {
  it('finds the first strong and the dominant direction', () => {
    expect(firstStrongDirection('123 ICT روستایی')).toBe('ltr')
    expect(dominantDirection('ICT در دفاتر روستایی')).toBe('rtl')
    expect(dominantDirection('12 — 34')).toBeNull()
  })
  it('counts columns without combining marks and format characters', () => {
    expect(displayWidth('کتاب‌ها')).toBe(6)
    expect(displayWidth('مُحَمَّد')).toBe(4)
  })
})

describe('snippets', () => {
  const text = 'خبر: مذاکره برای آتش‌بس در غزه ادامه دارد'
  const start = text.indexOf('آتش‌بس')
  const highlight = { start: 5, end: text.length - 5, matches: [{ start, end: start + 6 }] }
  it('brackets matches in plain output, with ellipses where the field was cut', () => {
    const lines = wrapSegments(snippetSegments(text, highlight), Number.POSITIVE_INFINITY)
    expect(lines).toHaveLength(1)
    expect(renderLine(lines[0], plain)).toBe('…مذاکره برای [آتش‌بس] در غزه ادامه…')
  })
  it('colours matches and sets the RTL base direction on a terminal', () => {
    const line = renderLine(wrapSegments(snippetSegments(text, highlight), 200)[0], terminal)
    expect(line.startsWith(RLM)).toBe(true)
    expect(line).toContain('\x1b[1;33mآتش‌بس\x1b[22;39m')
  })
  it('gives a Persian line that starts with a Latin word the RTL direction', () => {
    const line = renderLine([{ text: 'ICT در دفاتر روستایی', marked: false }], terminal)
    expect(line.startsWith(RLM)).toBe(true)
  })
  it('wraps only at spaces, never inside a ZWNJ compound or a marked word', () => {
    const segments = [
      { text: 'کتاب‌های ', marked: false },
      { text: 'می‌خواهم', marked: true },
      { text: ' دانشگاه‌ها و کتابخانه‌ها', marked: false },
    ]
    const lines = wrapSegments(segments, 10)
    const words = lines.map((line) => line.map((s) => s.text).join(''))
    expect(words).toEqual(['کتاب‌های', 'می‌خواهم', 'دانشگاه‌ها', 'و', 'کتابخانه‌ها'])
    for (const line of lines) expect(displayWidth(line.map((s) => s.text).join(''))).toBeLessThanOrEqual(11)
  })
  it('keeps two adjacent marked words as one marked phrase', () => {
    const lines = wrapSegments(
      [
        { text: 'نوار', marked: true },
        { text: ' ', marked: false },
        { text: 'غزه', marked: true },
      ],
      80,
    )
    expect(renderLine(lines[0], plain)).toBe('[نوار غزه]')
  })
})

describe('ltrCells', () => {
  it('closes each RTL cell with an LRM so neighbouring RTL cells never swap', () => {
    expect(ltrCells(['0  ', 'روسیه  ', 'روسيه'], terminal)).toBe(`${LRM}0  روسیه  ${LRM}روسيه${LRM}`)
    expect(ltrCells(['0  ', 'روسیه'], plain)).toBe('0  روسیه')
  })
})
