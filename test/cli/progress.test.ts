import { describe, expect, it } from 'vitest'
import { formatCount } from '../../src/cli/progress'

describe('formatCount', () => {
  it("groups thousands as toLocaleString('en-US') does", () => {
    const values = [0, 7, 42, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 5_375, 937_000, 1_234_567_890]
    for (let n = 1; n < 1e15; n = n * 7 + 3) values.push(n, -n)
    for (const n of values) expect(formatCount(n), String(n)).toBe(n.toLocaleString('en-US'))
  })

  it('rounds to a whole number first (rates)', () => {
    expect(formatCount(1234.5)).toBe('1,235')
    expect(formatCount(999.4)).toBe('999')
    expect(formatCount(-0.4)).toBe('0')
    expect(formatCount(-1500.6)).toBe('-1,501')
  })
})
