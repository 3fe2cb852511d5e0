/**
 * Talks to LuceneRanker.java: finds the jars it needs (through test/elasticsearch/lucene-env.mjs, which the
 * Elasticsearch verification uses too), compiles it once, writes a collection and its query texts as TSV,
 * runs one JVM per collection and reads the rankings back. The TSV helpers are pure and unit-tested.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { compileJava, findLucene } from '../../test/elasticsearch/lucene-env.mjs'
import type { BenchDoc } from '../engines/types'

const here = dirname(fileURLToPath(import.meta.url))

/** Tabs and line breaks end a TSV field or line; the analyzers treat them like a space anyway. */
export function tsvText(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ')
}

/** One line of docs.tsv: the id, a tab, then title and text as one field. */
export function docLine(doc: BenchDoc): string {
  if (/[\t\n\r]/.test(doc.id)) throw new Error(`doc id ${JSON.stringify(doc.id)} holds a tab or line break`)
  return `${doc.id}\t${tsvText(doc.title ? `${doc.title}\n${doc.text}` : doc.text)}`
}

/**
 * Parses out.tsv: one line per query key, `key\tid\tid…`. Every key of `keys` must appear exactly once and
 * no other; throws otherwise (a truncated run must not score as "nothing found").
 */
export function parseRankings(output: string, keys: readonly string[]): Map<string, string[]> {
  const expected = new Set(keys)
  const rankings = new Map<string, string[]>()
  for (const line of output.split('\n')) {
    if (line === '') continue
    const [key, ...ids] = line.replace(/\r$/, '').split('\t')
    if (!expected.has(key)) throw new Error(`Lucene answered an unknown query key ${JSON.stringify(key)}`)
    if (rankings.has(key)) throw new Error(`Lucene answered query ${key} twice`)
    rankings.set(key, ids)
  }
  const missing = keys.filter((k) => !rankings.has(k))
  if (missing.length > 0)
    throw new Error(
      `Lucene did not answer ${missing.length} queries (first: ${missing.slice(0, 3).join(', ')})`,
    )
  return rankings
}

/** A JVM holding one collection's documents, building their index with Lucene whenever asked. */
export interface LuceneBuildTimer {
  /** Builds the index once more (after a System.gc() in the JVM) and resolves to the build's seconds. */
  build(): Promise<number>
  /** Ends the JVM. */
  close(): Promise<void>
}

/** Parses one `build <seconds>` line of LuceneRanker's `--serve-builds` mode. */
export function parseBuildSeconds(line: string): number {
  const m = /^build (\d+(?:\.\d+)?)\r?$/.exec(line)
  if (!m || !(Number(m[1]) > 0)) throw new Error(`unexpected line from Lucene's build timer: ${line}`)
  return Number(m[1])
}

/**
 * The lucene-queryparser jar next to the lucene-core jar (the same version), or the one listed in
 * LUCENE_JARS; undefined when there is none.
 */
export function queryParserJar(
  jars: readonly string[],
  list: (dir: string) => string[] = (d) => (existsSync(d) ? readdirSync(d) : []),
): string | undefined {
  const listed = jars.find((j) => /lucene-queryparser-[^/\\]*\.jar$/.test(j))
  if (listed) return listed
  const core = jars.find((j) => /lucene-core[^/\\]*\.jar$/.test(j))
  if (!core) return undefined
  const dir = dirname(core)
  const files = list(dir)
  const sibling = basename(core).replace('lucene-core-', 'lucene-queryparser-')
  if (files.includes(sibling)) return join(dir, sibling)
  const any = files.filter((f) => /^lucene-queryparser-\d[\d.]*\.jar$/.test(f)).sort()[0]
  return any ? join(dir, any) : undefined
}

export type LuceneAnalyzerName = 'persian' | 'arabic'

/** A compiled LuceneRanker; call `dispose()` when done. */
export interface LuceneRanker {
  /** Lucene's own version (org.apache.lucene.util.Version.LATEST). */
  version: string
  /** `java -version`, first line. */
  java: string
  jars: string[]
  /** Indexes `docs` and returns the top `k` ids of each query text, by key. */
  rank(
    analyzer: LuceneAnalyzerName,
    docs: readonly BenchDoc[],
    queries: ReadonlyMap<string, string>,
    k: number,
  ): Map<string, string[]>
  /**
   * Starts a JVM that holds `docs` and builds their index on request (after one untimed warm-up build):
   * analysis, inversion and the flush into an in-memory directory, as the ranking run builds it.
   */
  buildTimer(analyzer: LuceneAnalyzerName, docs: readonly BenchDoc[]): Promise<LuceneBuildTimer>
  dispose(): void
}

/** Finds java, javac and the jars and compiles LuceneRanker.java, or says why it cannot. */
export function compileRanker(): LuceneRanker | { error: string } {
  const env = findLucene()
  if (!env.ok) return { error: env.reason }
  const parser = queryParserJar(env.jars)
  if (!parser)
    return {
      error: `the lucene-queryparser jar is not next to ${env.jars[0]} (Debian's liblucene8-java has it; or list it in LUCENE_JARS)`,
    }
  const jars = [...env.jars, parser]
  const { work, classpath } = compileJava(join(here, 'LuceneRanker.java'), jars, 'kavosh-lucene-')
  const java = (args: string[]) =>
    execFileSync('java', ['-Dfile.encoding=UTF-8', '-cp', classpath, 'LuceneRanker', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
  const version = java(['--version']).trim()
  const javaVersion = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0].trim()
  let run = 0
  return {
    version,
    java: javaVersion,
    jars: jars.map((j) => basename(j)),
    rank(analyzer, docs, queries, k) {
      const dir = join(work, `run-${run++}`)
      mkdirSync(dir)
      const docsFile = join(dir, 'docs.tsv')
      const queriesFile = join(dir, 'queries.tsv')
      const outFile = join(dir, 'out.tsv')
      writeFileSync(docsFile, `${docs.map(docLine).join('\n')}\n`)
      const lines: string[] = []
      for (const [key, text] of queries) {
        if (/[\t\n\r]/.test(key))
          throw new Error(`query key ${JSON.stringify(key)} holds a tab or line break`)
        lines.push(`${key}\t${tsvText(text)}`)
      }
      writeFileSync(queriesFile, `${lines.join('\n')}\n`)
      java([analyzer, docsFile, queriesFile, outFile, String(k)])
      const rankings = parseRankings(readFileSync(outFile, 'utf8'), [...queries.keys()])
      rmSync(dir, { recursive: true, force: true })
      return rankings
    },
    async buildTimer(analyzer, docs) {
      const dir = join(work, `run-${run++}`)
      mkdirSync(dir)
      const docsFile = join(dir, 'docs.tsv')
      writeFileSync(docsFile, `${docs.map(docLine).join('\n')}\n`)
      const child = spawn(
        'java',
        ['-Dfile.encoding=UTF-8', '-cp', classpath, 'LuceneRanker', '--serve-builds', analyzer, docsFile],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      )
      // A JVM that died leaves a closed pipe: writing to it must not throw an unhandled error event.
      child.stdin.on('error', () => {})
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
      const nextLine = async (): Promise<string> => {
        const next = await lines.next()
        if (next.done) throw new Error(`Lucene's build timer ended early (exit code ${await exited})`)
        return next.value
      }
      try {
        const ready = await nextLine()
        if (ready !== 'ready') throw new Error(`unexpected line from Lucene's build timer: ${ready}`)
      } catch (e) {
        child.kill()
        rmSync(dir, { recursive: true, force: true })
        throw e
      }
      return {
        async build() {
          child.stdin.write('build\n')
          return parseBuildSeconds(await nextLine())
        },
        async close() {
          child.stdin.end()
          await exited
          rmSync(dir, { recursive: true, force: true })
        },
      }
    },
    dispose() {
      rmSync(work, { recursive: true, force: true })
    },
  }
}
