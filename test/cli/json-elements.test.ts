import { describe, expect, it } from 'vitest'
import {
  JsonArraySyntaxError,
  jsonArrayElements,
  lineOfSyntaxError,
  syntaxErrorMessage,
} from '../../src/cli/json-elements'

describe('jsonArrayElements', () => {
  it('yields each element with the line it starts on', () => {
    const text = '[\n  {"id": 1, "t": "a,]}"},\n  {"id": 2,\n   "nested": [1, {"x": "\\"]"}]},\n  3\n]\n'
    const elements = [...jsonArrayElements(text)]
    expect(elements.map((e) => [e.index, e.line])).toEqual([
      [0, 2],
      [1, 3],
      [2, 5],
    ])
    expect(JSON.parse(elements[1].text)).toEqual({ id: 2, nested: [1, { x: '"]' }] })
  })
  it('accepts an empty array and a BOM', () => {
    expect([...jsonArrayElements('\uFEFF [ ] ')]).toEqual([])
  })
  it('yields the good elements before a broken structure, then throws with the line', () => {
    const seen: number[] = []
    let error: unknown
    try {
      for (const element of jsonArrayElements('[{"id":1},\n{"id":2},\n{"id":3')) seen.push(element.index)
    } catch (e) {
      error = e
    }
    expect(seen).toEqual([0, 1])
    expect(error).toBeInstanceOf(JsonArraySyntaxError)
    expect((error as JsonArraySyntaxError).line).toBe(3)
  })
  it('rejects text after the array and a trailing comma', () => {
    expect(() => [...jsonArrayElements('[1] x')]).toThrow(/after the closing/)
    expect(() => [...jsonArrayElements('[1,]')]).toThrow(/empty/)
    expect(() => [...jsonArrayElements('{"a":1}')]).toThrow(/JSON array/)
  })
})

describe('JSON.parse error helpers', () => {
  it('turns a position into a line and drops the position from the message', () => {
    const text = '{\n"a": 1,\n"b": }'
    let error: unknown
    try {
      JSON.parse(text)
    } catch (e) {
      error = e
    }
    const line = lineOfSyntaxError(text, error)
    expect(line === 3 || line === 1).toBe(true) // V8 versions differ in whether they give a position
    expect(syntaxErrorMessage(error)).not.toMatch(/position|is not valid JSON/)
  })
})
