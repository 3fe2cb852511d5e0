/**
 * Headless Chromium for the end-to-end tests: Debian's `chromium` package driven by playwright-core
 * (Playwright's own browser download does not work here). Installs the package with apt when it is
 * missing and we are root; launches with the flags this environment needs and a fresh profile.
 */

import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

/** Path of the browser: `$KAVOSH_CHROMIUM`, else Debian's. */
export const CHROMIUM_PATH = process.env.KAVOSH_CHROMIUM ?? '/usr/bin/chromium'

/** Makes sure Chromium is installed (apt-get as root), or throws with what to do. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: install Debian's chromium (sudo apt-get install -y chromium)`,
    )
  }
  console.log('e2e: installing Debian chromium with apt-get …')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env,
  })
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`)
}

/**
 * Flags that work here: no sandbox (root in a container), no GPU, and no background networking (the
 * network is closed; without these Chromium keeps trying to reach Google's services).
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches headless Chromium with a new empty profile; `close()` also removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'kavosh-e2e-profile-'))
  // Playwright adds --headless and --user-data-dir itself from these options.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1000, height: 720 },
    locale: 'fa-IR',
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
