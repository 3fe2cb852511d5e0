#!/usr/bin/env node
// `npm run test:es`: verifies that the Elasticsearch/OpenSearch settings of `kavosh/elasticsearch` produce
// kavosh's terms, by building the exported chain with Lucene's own CustomAnalyzer (ES and OpenSearch run
// the same Lucene factories). Needs Java 17+ (javac) and Debian's liblucene8-java. When they are missing,
// it installs liblucene8-java if it can (root + CI=true or KAVOSH_INSTALL_LUCENE=1); otherwise it prints a
// loud SKIPPED banner and exits 0 — or exits 1 when KAVOSH_REQUIRE_ES=1. (A JDK is installed the same way
// when javac is missing: default-jdk-headless.)
import { execFileSync, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findLucene } from './lucene-env.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

function banner(lines) {
  const bar = '!'.repeat(78)
  console.error(`\n${bar}\n${lines.map((l) => `!!  ${l}`).join('\n')}\n${bar}\n`)
}

let env = findLucene()
const wantInstall =
  process.env.CI === 'true' || process.env.CI === '1' || process.env.KAVOSH_INSTALL_LUCENE === '1'
if (!env.ok && wantInstall && process.getuid?.() === 0) {
  console.log(`test:es: ${env.reason}; installing ${env.packages.join(' ')} with apt-get …`)
  const apt = (args) =>
    spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  const install = () => apt(['install', '-y', '-qq', '--no-install-recommends', ...env.packages])
  if (install().status !== 0) {
    apt(['update', '-qq'])
    install()
  }
  env = findLucene()
}
if (!env.ok) {
  banner([
    'test:es SKIPPED — the Elasticsearch/OpenSearch analysis chain was NOT verified against Lucene.',
    `Reason: ${env.reason}.`,
    "Fix: install a JDK (javac) and Debian's liblucene8-java (`apt-get install -y liblucene8-java`),",
    'or run with CI=true as root to let this script install it. KAVOSH_REQUIRE_ES=1 turns this skip into a failure.',
  ])
  process.exit(process.env.KAVOSH_REQUIRE_ES === '1' ? 1 : 0)
}
console.log(`test:es: Lucene jars: ${env.jars.join(', ')}`)
try {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      join(root, 'test/elasticsearch/vitest.config.ts'),
    ],
    { stdio: 'inherit', cwd: root, env: { ...process.env, KAVOSH_REQUIRE_ES: '1' } },
  )
} catch (e) {
  process.exit(typeof e.status === 'number' ? e.status : 1)
}
