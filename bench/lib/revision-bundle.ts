/**
 * What the A/B tools (`count-instructions.ts`, `time-against.ts`) share: the corpora they know, the
 * library bundled from a source tree, and the sources of a git revision.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'

/** Corpora the A/B tools read (paths under the corpora folder), by short name. */
export const AB_CORPORA: Record<string, { docs: string; queries?: string }> = {
  hamshahri: { docs: 'hamshahri-subset/docs.jsonl', queries: 'hamshahri-subset/queries.jsonl' },
  saudinewsnet: { docs: 'saudinewsnet/docs-000.jsonl' },
  parsinlu: { docs: 'parsinlu-rc/docs.jsonl', queries: 'parsinlu-rc/queries.jsonl' },
  arcd: { docs: 'arcd/docs.jsonl', queries: 'arcd/queries.jsonl' },
}

/**
 * Bundles the library in `srcDir` into `outfile` as one ES module. With `parallel`, kavosh/node's entry
 * with the core inside (its `import 'kavosh'` resolved to the same sources): the bundle is also the
 * workers' script.
 *
 * @example
 * ```ts
 * bundleSources('/work/main/src', '/tmp/kavosh.mjs') // then: await import('/tmp/kavosh.mjs')
 * ```
 */
export function bundleSources(srcDir: string, outfile: string, parallel = false): string {
  buildSync({
    entryPoints: [join(srcDir, parallel ? join('node', 'index.ts') : 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: parallel ? 'node' : 'neutral',
    target: 'es2022',
    outfile,
    alias: parallel ? { kavosh: join(srcDir, 'index.ts') } : {},
    logLevel: 'error',
  })
  return outfile
}

/**
 * Writes the `src/` folder of git revision `ref` of the repository at `root` under `dir` (created) and
 * returns the path of that `src/`; throws when git cannot read the revision.
 *
 * @example
 * ```ts
 * bundleSources(revisionSources(root, 'HEAD', '/tmp/head'), '/tmp/head.mjs')
 * ```
 */
export function revisionSources(root: string, ref: string, dir: string): string {
  mkdirSync(dir, { recursive: true })
  const archive = execFileSync('git', ['-C', root, 'archive', ref, 'src'])
  execFileSync('tar', ['-x', '-C', dir], { input: archive })
  return join(dir, 'src')
}
