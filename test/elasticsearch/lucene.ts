/**
 * Runs Elasticsearch analysis settings through Lucene (LuceneHarness.java): compiles the harness once into a
 * temporary directory, then analyzes batches of documents in one JVM.
 */
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileJava } from './lucene-env.mjs'

const here = dirname(fileURLToPath(import.meta.url))

/** A document to analyze with one of the settings' analyzers. */
export interface LuceneInput {
  id: string
  analyzer: string
  text: string
}

/** A compiled harness bound to a work directory; call `dispose()` when done. */
export interface LuceneHarness {
  analyze(settings: unknown, docs: readonly LuceneInput[]): Map<string, string[]>
  dispose(): void
}

/** Compiles LuceneHarness.java against `jars` (lucene-core, lucene-analyzers-common). */
export function compileHarness(jars: readonly string[]): LuceneHarness {
  const { work, classpath } = compileJava(join(here, 'LuceneHarness.java'), jars, 'kavosh-es-')
  let run = 0
  return {
    analyze(settings, docs) {
      const dir = join(work, `run-${run++}`)
      const settingsFile = join(work, `settings-${run}.json`)
      writeFileSync(settingsFile, JSON.stringify(settings))
      const input = docs.map((d) => JSON.stringify(d)).join('\n') + '\n'
      const output = execFileSync(
        'java',
        ['-Dfile.encoding=UTF-8', '-cp', classpath, 'LuceneHarness', settingsFile, dir],
        {
          input,
          maxBuffer: 1 << 30,
          encoding: 'utf8',
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      )
      const terms = new Map<string, string[]>()
      for (const line of output.split('\n')) {
        if (line === '') continue
        const { id, terms: t } = JSON.parse(line) as { id: string; terms: string[] }
        terms.set(id, t)
      }
      return terms
    },
    dispose() {
      rmSync(work, { recursive: true, force: true })
    },
  }
}
