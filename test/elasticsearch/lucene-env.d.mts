/** What the Lucene verification found: the jars, or why it cannot run. */
export type LuceneEnvironment =
  | { ok: true; jars: string[] }
  | { ok: false; reason: string; jars?: undefined; packages: string[] }

/** Looks for java, javac and the Lucene jars (see lucene-env.mjs). */
export function findLucene(): LuceneEnvironment
