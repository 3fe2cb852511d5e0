import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every module reachable from `entry` through static imports, with the bare imports each makes. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const pending = [path.resolve(entry)]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (graph.has(file)) continue
    // Comments hold usage examples (`import … from 'kavosh'`), not imports.
    const source = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
    const specifiers = [
      ...source.matchAll(
        /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
      ),
    ].map((match) => match[1] ?? match[2])
    const bare: string[] = []
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) {
        bare.push(specifier)
        continue
      }
      const base = path.resolve(path.dirname(file), specifier)
      const candidates = [`${base}.ts`, path.join(base, 'index.ts')]
      const found = candidates.find((candidate) => {
        try {
          readFileSync(candidate)
          return true
        } catch {
          return false
        }
      })
      if (found !== undefined) pending.push(found)
    }
    graph.set(file, bare)
  }
  return graph
}

describe('the library stays platform-neutral', () => {
  it('never imports the CLI, Node built-ins or the CLI dependencies', () => {
    const graph = importGraph('src/index.ts')
    expect(graph.size).toBeGreaterThan(10)
    for (const [file, bare] of graph) {
      expect(file, `${file} is CLI code`).not.toContain(`${path.sep}cli${path.sep}`)
      expect(bare, `${file} imports a package`).toEqual([])
    }
  })
})
