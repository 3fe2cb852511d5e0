/** Reads an installed package's version from its package.json (for the report). */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

export function packageVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version
  } catch {
    // Packages whose "exports" hide package.json: walk up from the entry point.
    try {
      let dir = dirname(require.resolve(name))
      for (let i = 0; i < 5; i++) {
        try {
          const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
          if (pkg.name === name) return pkg.version
        } catch {}
        dir = dirname(dir)
      }
    } catch {}
    return 'unknown'
  }
}
