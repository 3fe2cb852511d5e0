// Finds what the Lucene verification needs: `java` and `javac` on the PATH and the lucene-core and
// lucene-analyzers-common jars (Debian's liblucene8-java puts them in /usr/share/java). LUCENE_JARS (a
// path-separated list) overrides the jar search. When something is missing, `packages` names the Debian
// packages that provide it (test/elasticsearch/run.mjs installs them in CI).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

export function findLucene() {
  for (const tool of ['java', 'javac']) {
    const r = spawnSync(tool, ['-version'], { encoding: 'utf8' })
    if (r.error || r.status !== 0)
      return {
        ok: false,
        reason: `\`${tool}\` is not installed or not on the PATH`,
        packages: ['default-jdk-headless', 'liblucene8-java'],
      }
  }
  let jars
  if (process.env.LUCENE_JARS) jars = process.env.LUCENE_JARS.split(delimiter).filter(Boolean)
  else {
    const dir = '/usr/share/java'
    const files = existsSync(dir) ? readdirSync(dir) : []
    const pick = (re) =>
      files
        .filter((f) => re.test(f))
        .sort()
        .map((f) => join(dir, f))[0]
    jars = [pick(/^lucene-core-\d[\d.]*\.jar$/), pick(/^lucene-analyzers-common-\d[\d.]*\.jar$/)]
    if (jars.some((j) => j === undefined)) {
      return {
        ok: false,
        reason: 'the Lucene jars (lucene-core, lucene-analyzers-common) are not in /usr/share/java',
        packages: ['liblucene8-java'],
      }
    }
  }
  return { ok: true, jars }
}

// Compiles one Java source file against `jars` into a new temporary work directory (prefix `prefix`) and returns
// the directory (the caller removes it) and the class path that runs the compiled class.
export function compileJava(source, jars, prefix) {
  const work = mkdtempSync(join(tmpdir(), prefix))
  const classes = join(work, 'classes')
  mkdirSync(classes)
  execFileSync(
    'javac',
    ['-nowarn', '-Xlint:none', '-encoding', 'UTF-8', '-d', classes, '-cp', jars.join(delimiter), source],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  return { work, classpath: [...jars, classes].join(delimiter) }
}
