/** What the Lucene verification found: the jars, or why it cannot run. */
export type LuceneEnvironment =
  | { ok: true; jars: string[] }
  | { ok: false; reason: string; jars?: undefined; packages: string[] }

/** Looks for java, javac and the Lucene jars (see lucene-env.mjs). */
export function findLucene(): LuceneEnvironment

/** Compiles `source` against `jars` into a new temporary directory; the caller removes `work` when done. */
export function compileJava(
  source: string,
  jars: readonly string[],
  prefix: string,
): { work: string; classpath: string }
