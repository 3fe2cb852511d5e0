/**
 * End-to-end test of the web demo in headless Chromium: a Persian query typed with Arabic letters and
 * without ZWNJ finds the expected article as you type, with highlights; typo tolerance, facet counts and
 * filters, query timing and the right-to-left layout work. Saves a screenshot to test-results/e2e/
 * (and to $KAVOSH_SCREENSHOT when set: docs/screenshot.png is made with KAVOSH_CORPORA=none so it
 * shows only the bundled sample, never corpus text).
 */

import { copyFileSync, mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './chromium'

const baseUrl = inject('baseUrl')
/** The article about a ceasefire demanded by Russia, in whichever data the index was built from. */
const expectedId = inject('demoData') === 'corpora' ? 'seed-1' : 'sample-fa-1'
/** «آتش‌بس روسیه» as typed on an Arabic keyboard: no ZWNJ, Arabic yeh in روسيه. */
const QUERY = 'آتشبس روسيه'

let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
  await page.goto(baseUrl)
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 })
})

afterAll(async () => {
  await browser?.close()
})

async function typeQuery(text: string): Promise<void> {
  const input = page.locator('#query')
  await input.fill('')
  await input.pressSequentially(text, { delay: 25 })
  await searchDone()
}

/**
 * Waits for the search of what was typed last: the demo searches in an animation frame, so after two
 * frames the one scheduled by the last key has run (reading the results before it read those of the text
 * one key shorter).
 */
async function searchDone(): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
}

const resultIds = () =>
  page.locator('#results li').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))

describe('web demo', () => {
  it('loads the index and lays the page out right-to-left', async () => {
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await page.locator('#results').evaluate((list) => getComputedStyle(list).direction)).toBe('rtl')
    expect(await page.locator('#query').isEnabled()).toBe(true)
  })

  it('finds the article as you type a Persian query in Arabic letters without ZWNJ, highlighted', async () => {
    // Half a word is enough: prefix search while typing.
    await typeQuery('آتشب')
    await page.waitForSelector(`#results li[data-id="${expectedId}"]`, { timeout: 10_000 })
    await page.locator('#query').pressSequentially(QUERY.slice('آتشب'.length), { delay: 25 })
    await page.waitForFunction(
      (id) =>
        Array.from(document.querySelectorAll('#results li'))
          .slice(0, 3)
          .some((item) => item.getAttribute('data-id') === id),
      expectedId,
      { timeout: 10_000 },
    )
    const marks = await page.locator(`#results li[data-id="${expectedId}"] mark`).allTextContents()
    const plain = marks.map((mark) => mark.replace(/\u200C/g, ''))
    expect(plain.some((mark) => mark.startsWith('آتش'))).toBe(true)
    expect(plain.some((mark) => mark.includes('روس'))).toBe(true)
    const timing = page.locator('[data-testid="timing"]')
    expect(await timing.textContent()).toMatch(/[۰-۹].*میلی‌ثانیه/)
    const ms = Number(await timing.getAttribute('data-ms'))
    expect(ms).toBeGreaterThanOrEqual(0)
    expect(ms).toBeLessThan(2000)
    mkdirSync('test-results/e2e', { recursive: true })
    await page.screenshot({ path: 'test-results/e2e/search.png' })
    if (process.env.KAVOSH_SCREENSHOT)
      copyFileSync('test-results/e2e/search.png', process.env.KAVOSH_SCREENSHOT)
  })

  it('tolerates a typo only when typo tolerance is on', async () => {
    await page.locator('#fuzzy').uncheck()
    await typeQuery('آتشبسس')
    await page.waitForFunction(() => document.querySelector('[data-testid="timing"]') !== null)
    expect(await resultIds()).not.toContain(expectedId)
    await page.locator('#fuzzy').check()
    await page.waitForSelector(`#results li[data-id="${expectedId}"]`, { timeout: 10_000 })
  })

  it('shows facet counts by source and language, and filters by a click', async () => {
    await typeQuery('کتاب')
    await page.waitForSelector('#facets [data-facet="lang"] button[data-value="ar"]', { timeout: 10_000 })
    const count = async (field: string, value: string) =>
      page.locator(`#facets [data-facet="${field}"] button[data-value="${value}"] .count`).textContent()
    expect(await count('lang', 'fa')).toMatch(/^[۰-۹٬]+$/)
    expect(await count('lang', 'ar')).toMatch(/^[۰-۹٬]+$/)
    expect(await page.locator('#facets [data-facet="source"] button').count()).toBeGreaterThan(1)
    const languages = () =>
      page.locator('#results li').evaluateAll((items) => items.map((item) => item.getAttribute('data-lang')))
    expect(new Set(await languages())).toEqual(new Set(['fa', 'ar']))
    await page.locator('#facets [data-facet="lang"] button[data-value="ar"]').click()
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('#results li')).every(
        (item) => item.getAttribute('data-lang') === 'ar',
      ),
    )
    expect(
      await page.locator('#facets [data-facet="lang"] button[data-value="ar"]').getAttribute('aria-pressed'),
    ).toBe('true')
    expect((await languages()).length).toBeGreaterThan(0)
    await page.locator('#facets [data-facet="lang"] button[data-value="ar"]').click()
  })

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([])
  })
})
