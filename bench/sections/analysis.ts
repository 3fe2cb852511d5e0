/**
 * Section 1, the analysis hot path: kavosh's `normalize` and `analyze` (with and without stemming) in MB/s
 * of UTF-8 text, next to each peer's own tokenise+normalise step (what it runs per field on `add`).
 */

import type { KavoshApi } from '../engines/kavosh'
import type { Engine } from '../engines/types'
import type { Collection } from '../lib/corpora'
import type { Progress } from '../lib/progress'
import type { AnalysisResult } from '../lib/results'
import type { RunPlan } from '../lib/run-plan'
import { summarize } from '../lib/stats'
import { collectGarbage, now } from '../lib/timing'

/** Most passes over the texts in one warm-up or one timed repetition (a very fast operation stops there). */
const MAX_PASSES = 200

interface Operation {
  engine: string
  operation: string
  /** Processes one text; returns the number of terms produced (characters for normalize). */
  run(text: string): number
  /** Whether `run` counts terms (false for normalize). */
  countsTerms: boolean
}

export function analysisOperations(kavosh: KavoshApi | undefined, engines: readonly Engine[]): Operation[] {
  const ops: Operation[] = []
  const normalize = kavosh?.normalize
  const analyze = kavosh?.analyze
  if (normalize)
    ops.push({
      engine: 'kavosh',
      operation: 'normalize',
      run: (t) => normalize(t).length,
      countsTerms: false,
    })
  if (analyze) {
    ops.push({
      engine: 'kavosh',
      operation: 'analyze (stem)',
      run: (t) => analyze(t, { stem: true }).length,
      countsTerms: true,
    })
    ops.push({
      engine: 'kavosh',
      operation: 'analyze (no stem)',
      run: (t) => analyze(t, { stem: false }).length,
      countsTerms: true,
    })
  }
  for (const e of engines) {
    const a = e.analyze
    if (e.library !== 'kavosh' && a)
      ops.push({ engine: e.id, operation: 'tokenize+normalize', run: (t) => a(t), countsTerms: true })
  }
  return ops
}

/** The texts (titles and bodies) of the first docs of `collection` up to `maxBytes`. */
export function analysisTexts(collection: Collection, maxBytes: number): { texts: string[]; bytes: number } {
  const texts: string[] = []
  let bytes = 0
  for (const d of collection.docs) {
    if (bytes >= maxBytes) break
    for (const t of d.title ? [d.title, d.text] : [d.text]) {
      texts.push(t)
      bytes += Buffer.byteLength(t, 'utf8')
    }
  }
  return { texts, bytes }
}

export function runAnalysisSection(
  collections: readonly Collection[],
  operations: readonly Operation[],
  plan: RunPlan,
  progress: Progress,
): AnalysisResult[] {
  const results: AnalysisResult[] = []
  for (const c of collections) {
    if (!c.roles.throughput) continue
    const { texts, bytes } = analysisTexts(c, plan.analysisMaxBytes)
    for (const op of operations) {
      const step = `[analysis] ${c.name} · ${op.engine} ${op.operation}`
      progress.update(step)
      let terms = 0
      const warmupStart = now()
      for (const t of texts) terms += op.run(t) // warm-up pass, also counts the terms
      let sink = 0
      for (let w = 1; w < plan.warmups; w++) for (const t of texts) sink += op.run(t)
      // More warm-up passes until the same time went into warming up every operation (see RunPlan).
      for (let p = 0; p < MAX_PASSES && now() - warmupStart < plan.analysisWarmupMs; p++)
        for (const t of texts) sink += op.run(t)
      const rates: number[] = []
      for (let r = 0; r < plan.analysisRepetitions; r++) {
        if (plan.collectGarbage) collectGarbage()
        progress.update(step, r + 1, plan.analysisRepetitions)
        const t0 = now()
        let passes = 0
        let elapsed = 0
        do {
          for (const t of texts) sink += op.run(t)
          passes++
          elapsed = now() - t0
        } while (elapsed < plan.analysisMinRepetitionMs && passes < MAX_PASSES)
        rates.push((passes * bytes) / 1e6 / (elapsed / 1000))
      }
      if (sink < 0) progress.log('impossible') // keeps the work observable to the optimiser
      results.push({
        collection: c.name,
        engine: op.engine,
        operation: op.operation,
        bytes,
        mbPerSec: summarize(rates),
        termsPerKB: op.countsTerms ? terms / (bytes / 1000) : null,
      })
    }
  }
  return results
}
