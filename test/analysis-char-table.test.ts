import { describe, expect, it } from 'vitest'
import {
  ALEF_MAQSURA,
  ALEF_MAQSURA_FORMS,
  ARABIC,
  DIGIT,
  getCharTable,
  HAMZA_ALEF_FORMS,
  HAMZA_ALEFS,
  IGNORE,
  OTHER,
  PACKED_AR_COUNT_SHIFT,
  PACKED_ARABIC_LETTER,
  PACKED_CHANGES,
  PACKED_CLASS_MASK,
  PACKED_CLASS_SHIFT,
  PACKED_FA_COUNT_SHIFT,
  PACKED_FOLD_MASK,
  PACKED_GROUP_COUNT_SHIFT,
  PACKED_MARK,
  PACKED_NOT_DIGIT_SHIFT,
  PACKED_OTHER_LETTER,
  PACKED_SIGNAL_MASK,
  PACKED_SIGNAL_SHIFT,
  SIGNAL_AR,
  SIGNAL_DIGIT_GROUP,
  SIGNAL_FA,
  SIGNAL_FA_WEAK,
  unicodeCharClasses,
} from '../src/analysis/char-table'

/**
 * The Unicode part of the character table read the straightforward way: one regular-expression test per
 * code unit and property (what the table builder did before it scanned one string per property).
 */
function perCodeUnit(): { cls: Uint8Array; fold: Uint16Array } {
  const cls = new Uint8Array(0x10000)
  const fold = new Uint16Array(0x10000)
  const letterOrNumber = /[\p{L}\p{N}]/u
  const decimal = /\p{Nd}/u
  const mark = /\p{M}/u
  const format = /\p{Cf}/u
  const space = /\p{Zs}/u
  const arabicScript = /\p{Script=Arabic}/u
  const latin = /\p{Script=Latin}/u
  let digitRunStart = -1
  for (let c = 0; c < 0x10000; c++) {
    fold[c] = c
    if (c >= 0xd800 && c <= 0xdfff) continue
    const s = String.fromCharCode(c)
    if (decimal.test(s)) {
      if (digitRunStart < 0 || c - digitRunStart >= 10 || !decimal.test(String.fromCharCode(c - 1)))
        digitRunStart = c
      cls[c] = DIGIT
      fold[c] = 0x30 + ((c - digitRunStart) % 10)
    } else if (letterOrNumber.test(s)) {
      cls[c] = arabicScript.test(s) ? ARABIC : OTHER
      const lower = s.toLowerCase()
      let folded = lower.length === 1 ? lower : s
      if (latin.test(s)) {
        const d = folded.normalize('NFD')
        if (d.length > 1 && !mark.test(d[0]!) && mark.test(d.slice(1))) folded = d[0]!
      }
      fold[c] = folded.charCodeAt(0)
    } else if (mark.test(s) || format.test(s)) {
      cls[c] = IGNORE
    } else if (space.test(s)) {
      fold[c] = 0x20
    }
  }
  return { cls, fold }
}

describe('character table', () => {
  it('reads Unicode properties as one test per code unit would, for every BMP code unit', () => {
    const fast = unicodeCharClasses()
    const reference = perCodeUnit()
    const differences: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      if (fast.cls[c] !== reference.cls[c] || fast.fold[c] !== reference.fold[c]) {
        differences.push(
          `U+${c.toString(16).padStart(4, '0')}: class ${fast.cls[c]} vs ${reference.cls[c]}, fold ${fast.fold[c]} vs ${reference.fold[c]}`,
        )
      }
    }
    expect(differences.slice(0, 20)).toEqual([])
    // The reading itself: digits of every script, case, accents, marks, spaces, surrogates.
    expect([fast.cls[0x06f4], fast.fold[0x06f4]]).toEqual([DIGIT, 0x34]) // ۴
    expect([fast.cls[0x0664], fast.fold[0x0664]]).toEqual([DIGIT, 0x34]) // ٤
    expect(fast.fold[0x00c9]).toBe(0x65) // É → e
    expect(fast.fold[0x2160]).toBe(0x2170) // Ⅰ → ⅰ (a letter number)
    expect(fast.cls[0x064e]).toBe(IGNORE) // fatha
    expect(fast.fold[0x00a0]).toBe(0x20) // NBSP
    expect([fast.cls[0xd83d], fast.cls[0xdc4d]]).toEqual([0, 0])
  })

  it('packs fold, class and signals of every BMP code unit into the one table the scan reads', () => {
    const { cls, fold, signal, packed } = getCharTable()
    const differences: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const p = packed[c]
      const s = signal[c]
      // أ إ آ and their presentation forms keep the letter in the scan's units (HAMZA_ALEFS), marked changed;
      // so do ى and its forms (ALEF_MAQSURA).
      const kept = HAMZA_ALEFS.includes(c)
        ? c
        : c === ALEF_MAQSURA || ALEF_MAQSURA_FORMS.includes(c)
          ? ALEF_MAQSURA
          : HAMZA_ALEF_FORMS.find(([form]) => form === c)?.[1]
      const madda = kept !== undefined
      const expected = [
        kept ?? fold[c],
        cls[c],
        s,
        (s & SIGNAL_FA) !== 0 || s === SIGNAL_FA_WEAK ? 1 : 0,
        s === SIGNAL_AR ? 1 : 0,
        s === SIGNAL_DIGIT_GROUP ? 1 : 0,
        madda || fold[c] !== c,
        cls[c] === ARABIC,
        cls[c] === OTHER || cls[c] === DIGIT,
        cls[c] === IGNORE,
        cls[c] === ARABIC || cls[c] === OTHER ? 1 : 0,
      ]
      const read = [
        p & PACKED_FOLD_MASK,
        (p >>> PACKED_CLASS_SHIFT) & PACKED_CLASS_MASK,
        (p >>> PACKED_SIGNAL_SHIFT) & PACKED_SIGNAL_MASK,
        (p >>> PACKED_FA_COUNT_SHIFT) & 1,
        (p >>> PACKED_AR_COUNT_SHIFT) & 1,
        (p >>> PACKED_GROUP_COUNT_SHIFT) & 1,
        (p & PACKED_CHANGES) !== 0,
        (p & PACKED_ARABIC_LETTER) !== 0,
        (p & PACKED_OTHER_LETTER) !== 0,
        (p & PACKED_MARK) !== 0,
        p >>> PACKED_NOT_DIGIT_SHIFT,
      ]
      if (read.some((value, k) => value !== expected[k])) {
        differences.push(`U+${c.toString(16).padStart(4, '0')}: ${read.join(',')} vs ${expected.join(',')}`)
      }
    }
    expect(differences.slice(0, 20)).toEqual([])
  })
})
