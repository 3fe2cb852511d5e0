/**
 * Timing and heap helpers. Requires `node --expose-gc` for `collectGarbage` to do anything; without it the
 * heap figures are reported as unavailable instead of being wrong.
 */
import { performance } from 'node:perf_hooks'

const gc = (globalThis as { gc?: () => void }).gc

/** True when `global.gc` is available (node started with --expose-gc). */
export const canCollectGarbage = typeof gc === 'function'

/** Runs one full GC (between repetitions). No-op without --expose-gc. */
export function collectGarbage(): void {
  gc?.()
}

/**
 * Memory in use after two full GCs (so finalisers and weak structures settle), in bytes: the JS heap, and
 * `external` (ArrayBuffer backing stores and other off-heap memory owned by JS objects; typed-array
 * indexes live there, not in heapUsed).
 */
export function settledMemory(): { heapUsed: number; external: number } {
  gc?.()
  gc?.()
  const m = process.memoryUsage()
  return { heapUsed: m.heapUsed, external: m.external }
}

/** Milliseconds taken by `fn` (awaited), with its result. */
export async function timeAsync<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now()
  const value = await fn()
  return { ms: performance.now() - t0, value }
}

/** Milliseconds taken by a synchronous `fn`, with its result. */
export function timeSync<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now()
  const value = fn()
  return { ms: performance.now() - t0, value }
}

export const now = (): number => performance.now()
