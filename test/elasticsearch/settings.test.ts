// Shape of the exported Elasticsearch settings (fast; no Java). The Lucene agreement test is
// agreement.es.ts (`npm run test:es`).
import { describe, expect, it } from 'vitest'
import {
  elasticsearchAnalyzerName,
  elasticsearchSearchFields,
  elasticsearchSettings,
  toElasticsearchDocument,
} from '../../src/elasticsearch/index'
import { align } from './align'

describe('elasticsearchSettings', () => {
  for (const language of ['fa', 'ar', 'auto'] as const) {
    it(`${language}: every analyzer references defined components only`, () => {
      const { settings } = elasticsearchSettings({ language })
      const { analysis } = settings
      const analyzers = Object.entries(analysis.analyzer)
      expect(analyzers.length).toBe(language === 'auto' ? 2 : 1)
      for (const [, a] of analyzers) {
        expect(a.type).toBe('custom')
        expect(analysis.tokenizer[a.tokenizer]).toBeDefined()
        for (const c of a.char_filter) expect(analysis.char_filter[c], c).toBeDefined()
        for (const f of a.filter) expect(analysis.filter[f], f).toBeDefined()
      }
      // Only components both engines ship, under their ES names.
      for (const c of Object.values(analysis.char_filter))
        expect(['mapping', 'pattern_replace']).toContain(c.type)
      for (const f of Object.values(analysis.filter)) expect(['pattern_replace', 'stop']).toContain(f.type)
      expect(JSON.parse(JSON.stringify(settings))).toEqual(settings)
    })
  }

  it('maps fields to the analyzer of the language (auto: fa/ar sub-fields)', () => {
    expect(elasticsearchSettings({ language: 'fa', fields: ['title', 'text'] }).mappings.properties).toEqual({
      title: { type: 'text', analyzer: 'kavosh_fa' },
      text: { type: 'text', analyzer: 'kavosh_fa' },
    })
    expect(
      elasticsearchSettings({ language: 'auto', fields: ['body'], offsets: true }).mappings.properties,
    ).toEqual({
      body: {
        properties: {
          fa: { type: 'text', analyzer: 'kavosh_auto_fa', index_options: 'offsets' },
          ar: { type: 'text', analyzer: 'kavosh_auto_ar', index_options: 'offsets' },
        },
      },
    })
    const { settings } = elasticsearchSettings({ language: 'ar', prefix: 'news' })
    expect(Object.keys(settings.analysis.analyzer)).toEqual(['news_ar'])
  })

  it('leaves out the stop and stem filters when asked', () => {
    const names = (o: Parameters<typeof elasticsearchSettings>[0]) =>
      Object.keys(elasticsearchSettings(o).settings.analysis.filter).join(' ')
    expect(names({ language: 'fa', stopWords: false })).not.toMatch(/_stop\b/)
    expect(names({ language: 'fa', stem: false })).not.toMatch(/kavosh_fa_\d/)
    expect(names({ language: 'ar', stem: false })).not.toMatch(/kavosh_ar_\d/)
  })

  it('rejects invalid options', () => {
    expect(() => elasticsearchSettings({ language: 'en' as 'fa' })).toThrow(TypeError)
    expect(() => elasticsearchSettings({ fields: ['a.b'] })).toThrow(TypeError)
    expect(() => elasticsearchSettings({ prefix: 'bad name' })).toThrow(TypeError)
  })
})

describe('helpers', () => {
  it('names analyzers, lists search fields and routes documents (the TSDoc examples)', () => {
    expect(elasticsearchAnalyzerName('fa')).toBe('kavosh_fa')
    expect(elasticsearchAnalyzerName('auto', 'ar')).toBe('kavosh_auto_ar')
    expect(elasticsearchSearchFields({ language: 'auto', fields: ['title'] })).toEqual([
      'title.fa',
      'title.ar',
    ])
    expect(elasticsearchSearchFields({ language: 'ar', fields: ['title'] })).toEqual(['title'])
    expect(toElasticsearchDocument({ id: 1, text: 'المدرسة الكبرى' }, { language: 'auto' })).toEqual({
      id: 1,
      text: { ar: 'المدرسة الكبرى' },
    })
    expect(toElasticsearchDocument({ id: 2, text: 'گفتگوی مقامات', n: 3 }, { language: 'auto' })).toEqual({
      id: 2,
      text: { fa: 'گفتگوی مقامات' },
      n: 3,
    })
    expect(toElasticsearchDocument({ text: 'x' }, { language: 'fa' })).toEqual({ text: 'x' })
  })
})

describe('align (agreement report)', () => {
  it('finds the longest common subsequence and the differing hunks', () => {
    expect(align(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual({ common: 3, hunks: [] })
    const r = align(['a', 'b', 'c', 'd', 'e'], ['a', 'x', 'c', 'e', 'f'])
    expect(r.common).toBe(3)
    expect(r.hunks).toEqual([
      { aStart: 1, aEnd: 2, bStart: 1, bEnd: 2 },
      { aStart: 3, aEnd: 4, bStart: 3, bEnd: 3 },
      { aStart: 5, aEnd: 5, bStart: 4, bEnd: 5 },
    ])
    expect(align([], ['a']).common).toBe(0)
  })
})
