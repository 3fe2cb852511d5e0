/**
 * Alignment of two term sequences (kavosh's and Lucene's) for the agreement report: Myers' O(ND) diff gives
 * the longest common subsequence and the differing hunks between matched runs.
 */

/** A place where the sequences differ: `a[aStart..aEnd)` stands where `b[bStart..bEnd)` stands. */
export interface Hunk {
  aStart: number
  aEnd: number
  bStart: number
  bEnd: number
}

/** Result of {@link align}: the LCS length and the differing hunks (null when over `maxEdits`). */
export interface Alignment {
  common: number
  hunks: Hunk[] | null
}

/**
 * Aligns `a` and `b`. Identical prefixes/suffixes are trimmed first; when more than `maxEdits` insertions and
 * deletions are needed, gives up and counts only the trimmed common ends.
 */
export function align(a: readonly string[], b: readonly string[], maxEdits = 4000): Alignment {
  let pre = 0
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++
  let suf = 0
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf])
    suf++
  const n = a.length - pre - suf
  const m = b.length - pre - suf
  if (n === 0 && m === 0) return { common: a.length, hunks: [] }
  if (n === 0 || m === 0) {
    return { common: pre + suf, hunks: [{ aStart: pre, aEnd: pre + n, bStart: pre, bEnd: pre + m }] }
  }
  // Myers: V[k] = furthest x on diagonal k; keep a copy per step to trace back.
  const max = Math.min(n + m, maxEdits)
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  let found = -1
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x: number
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) x = v[offset + k + 1]!
      else x = v[offset + k - 1]! + 1
      let y = x - k
      while (x < n && y < m && a[pre + x] === b[pre + y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) {
        found = d
        break
      }
    }
    if (found >= 0) break
  }
  if (found < 0) return { common: pre + suf, hunks: null }
  // Trace back the edit path, collecting matched pairs.
  const matches: Array<[number, number]> = []
  let x = n
  let y = m
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!
    const k = x - y
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1
    const prevX = vd[offset + prevK]!
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      x--
      y--
      matches.push([x, y])
    }
    x = prevX
    y = prevY
  }
  while (x > 0 && y > 0) {
    x--
    y--
    matches.push([x, y])
  }
  matches.reverse()
  const hunks: Hunk[] = []
  let ai = 0
  let bi = 0
  for (const [mx, my] of [...matches, [n, m] as [number, number]]) {
    if (mx > ai || my > bi) hunks.push({ aStart: pre + ai, aEnd: pre + mx, bStart: pre + bi, bEnd: pre + my })
    ai = mx + 1
    bi = my + 1
  }
  return { common: pre + suf + matches.length, hunks }
}
