/**
 * `normalize`: the character fold of kavosh applied to a whole string, for display, keys and debugging.
 * It is exactly the fold the tokenizer applies to each word, so a word's index form (before stemming) is
 * `normalize(word)` with the spaces or ZWNJ of a detached affix removed. (The tokenizer ends a word at a
 * ZWNJ, which `normalize` removes: analyze the original text, not its `normalize` output.)
 *
 * Owns: the string-level fold. Must not: split words, stem or drop stop words.
 */
import { EXPAND, getCharTable, IGNORE, JOINER } from './char-table'

let scratch = new Uint16Array(1024)

/**
 * Folds Persian/Arabic/Latin text to kavosh's canonical form, in one pass over the UTF-16 code units:
 * Arabic yeh/kaf to Persian ی/ک, teh marbuta and heh variants to ه, hamza-carrying alefs to ا, ؤ/ئ to و/ی,
 * harakat, tatweel, Quranic marks, ZWJ, bidi controls and soft hyphens removed, ZWNJ removed (joining the
 * word), NBSP and other spaces to a plain space, all decimal digits to ASCII, presentation forms and
 * ligatures to base letters, Latin lower-cased and accent-folded. Punctuation is kept. (`analyze` reads a
 * ZWNJ as a word break; pass it the original text, not this output.)
 *
 * The result is idempotent: `normalize(normalize(x)) === normalize(x)`.
 *
 * @example
 * ```ts
 * normalize('كتاب‌هاي مَدْرَسَة ۱۴۰۲') // → 'کتابهای مدرسه 1402'
 * ```
 */
export function normalize(text: string): string {
  if (typeof text !== 'string') return ''
  const { cls, fold, expansions } = getCharTable()
  // Local copies: module-level constants can compile to getter calls under some loaders (tsx, vitest).
  const ignore = IGNORE
  const joiner = JOINER
  const expand = EXPAND
  const n = text.length
  let surrogates = false
  if (scratch.length < n * 2 + 16) scratch = new Uint16Array(n * 2 + 16)
  let out = scratch
  let len = 0
  let changed = false
  for (let i = 0; i < n; i++) {
    const u = text.charCodeAt(i)
    const kind = cls[u]!
    if (kind === ignore || kind === joiner) {
      changed = true
      continue
    }
    if (kind === expand) {
      const units = expansions.get(u)!.units
      if (len + units.length + (n - i) > out.length) {
        const bigger = new Uint16Array((len + units.length + (n - i)) * 2)
        bigger.set(out.subarray(0, len))
        out = scratch = bigger
      }
      for (let k = 0; k < units.length; k++) out[len++] = units[k]!
      changed = true
      continue
    }
    const f = fold[u]!
    if (f !== u) changed = true
    else if ((u & 0xf800) === 0xd800) surrogates = true
    out[len++] = f
  }
  if (!changed) return text
  return surrogates ? unitsToString(out, len) : decodeUnits(out, len)
}

const utf16 = typeof TextDecoder === 'function' ? new TextDecoder('utf-16le') : undefined

/**
 * Builds a string from code units that contain no surrogates: TextDecoder when the platform has it (it is
 * several times faster than `fromCharCode.apply` on long runs; it would replace lone surrogates, hence the
 * condition), else `unitsToString`.
 */
function decodeUnits(units: Uint16Array, len: number): string {
  return utf16 !== undefined && len > 64 ? utf16.decode(units.subarray(0, len)) : unitsToString(units, len)
}

/** Builds a string from the first `len` code units of `units`, in chunks small enough for `apply`. */
export function unitsToString(units: Uint16Array, len: number): string {
  if (len <= 8192) return String.fromCharCode.apply(null, units.subarray(0, len) as unknown as number[])
  let s = ''
  for (let i = 0; i < len; i += 8192) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(len, i + 8192)) as unknown as number[])
  }
  return s
}
