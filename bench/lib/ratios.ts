/**
 * Every kavosh figure as a ratio to the same figure of each peer measured in the same run.
 */
import { METRIC_NAMES } from './metrics'
import type { BenchResults, RatioResult } from './results'

type Partial = Omit<BenchResults, 'ratios'>

export function computeRatios(r: Partial, kavoshId = 'kavosh'): RatioResult[] {
  const out: RatioResult[] = []
  const peers = r.engines.filter((e) => e.id !== kavoshId).map((e) => e.id)
  const push = (
    section: RatioResult['section'],
    collection: string,
    metric: string,
    kavosh: number | undefined,
    peer: string,
    peerValue: number | undefined,
    higherIsBetter: boolean,
  ) => {
    if (kavosh === undefined || peerValue === undefined) return
    if (!Number.isFinite(kavosh) || !Number.isFinite(peerValue) || peerValue <= 0 || kavosh < 0) return
    out.push({
      section,
      collection,
      metric,
      peer,
      kavosh,
      peerValue,
      ratio: kavosh / peerValue,
      higherIsBetter,
    })
  }

  // normalize alone does less than a peer's tokenise+normalise, so only analyze is compared.
  for (const k of r.analysis.filter((a) => a.engine === kavoshId && a.operation.startsWith('analyze'))) {
    for (const peer of peers) {
      const p = r.analysis.find((a) => a.engine === peer && a.collection === k.collection)
      push('analysis', k.collection, `MB/s ${k.operation}`, k.mbPerSec.median, peer, p?.mbPerSec.median, true)
    }
  }
  for (const k of r.build.filter((b) => b.engine === kavoshId)) {
    for (const peer of peers) {
      const p = r.build.find((b) => b.engine === peer && b.collection === k.collection)
      // docs/s and MB/s of the same collection have the same ratio; MB/s stands for both.
      push('build', k.collection, 'MB/s', k.mbPerSec.median, peer, p?.mbPerSec.median, true)
      push('build', k.collection, 'feed MB/s', k.feed?.mbPerSec, peer, p?.feed?.mbPerSec, true)
      push('build', k.collection, 'feed batch p99 ms', k.feed?.batchP99Ms, peer, p?.feed?.batchP99Ms, false)
      push(
        'build',
        k.collection,
        'heap per MB',
        k.heapBytesPerMB?.median,
        peer,
        p?.heapBytesPerMB?.median,
        false,
      )
      push(
        'build',
        k.collection,
        'heap+external per MB',
        k.retainedBytesPerMB?.median,
        peer,
        p?.retainedBytesPerMB?.median,
        false,
      )
    }
  }
  for (const k of r.queries.filter((q) => q.engine === kavoshId)) {
    for (const peer of peers) {
      const p = r.queries.find((q) => q.engine === peer && q.collection === k.collection && q.kind === k.kind)
      push('queries', k.collection, `${k.kind} p50 ms`, k.p50Ms.median, peer, p?.p50Ms.median, false)
      push('queries', k.collection, `${k.kind} p99 ms`, k.p99Ms.median, peer, p?.p99Ms.median, false)
    }
  }
  for (const k of r.persistence.filter((q) => q.engine === kavoshId)) {
    for (const peer of peers) {
      const p = r.persistence.find((q) => q.engine === peer && q.collection === k.collection)
      push('persistence', k.collection, 'saved bytes', k.savedBytes, peer, p?.savedBytes, false)
      push('persistence', k.collection, 'load ms', k.loadMs.median, peer, p?.loadMs.median, false)
      push('persistence', k.collection, 'load ÷ build', k.loadOverBuild, peer, p?.loadOverBuild, false)
    }
  }
  // The pooled-sample rows only serve the pooling-loss targets (bench/lib/targets.ts): no ratios.
  for (const k of r.quality.filter(
    (q) => q.engine === kavoshId && q.variant === 'original' && q.split !== 'pooled-sample',
  )) {
    for (const peer of peers) {
      const p = r.quality.find(
        (q) =>
          q.engine === peer &&
          q.collection === k.collection &&
          q.querySet === k.querySet &&
          q.variant === 'original' &&
          q.split === k.split,
      )
      if (!p || p.queries !== k.queries) continue // scored on different queries: not comparable
      const where = k.collection === k.querySet ? k.collection : `${k.collection}/${k.querySet}`
      for (const m of METRIC_NAMES)
        push('quality', where, `${m} (${k.split})`, k.metrics[m], peer, p?.metrics[m], true)
    }
  }
  return out
}
