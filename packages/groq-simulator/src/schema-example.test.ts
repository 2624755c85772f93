import { describe, expect, it } from 'vitest';
import { exampleForSchema } from './schema-example';

describe('exampleForSchema', () => {
  it('fills every property with a value of its type', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer', minimum: 3 },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
        exact: { type: 'boolean' },
        when: { type: 'string', format: 'date-time' },
        nested: {
          type: 'object',
          properties: { ratio: { type: 'number', exclusiveMinimum: 1 } },
          required: ['ratio'],
        },
      },
      required: ['city', 'days'],
    };
    expect(exampleForSchema(schema)).toEqual({
      city: 'city value',
      days: 3,
      unit: 'celsius',
      tags: ['tags value', 'tags value'],
      exact: true,
      when: '2026-01-01T00:00:00Z',
      nested: { ratio: 2 },
    });
  });

  it('follows local $refs, anyOf (skipping null), allOf, const and nullable type arrays', () => {
    const schema = {
      $defs: { Point: { type: 'object', properties: { x: { type: 'number' } } } },
      type: 'object',
      properties: {
        point: { $ref: '#/$defs/Point' },
        maybe: { anyOf: [{ type: 'null' }, { type: 'string', maxLength: 3 }] },
        both: {
          allOf: [
            { type: 'object', properties: { a: { const: 'A' } } },
            { properties: { b: { type: 'integer' } } },
          ],
        },
        label: { type: ['null', 'string'] },
      },
    };
    expect(exampleForSchema(schema)).toEqual({
      point: { x: 1 },
      maybe: 'may',
      both: { a: 'A', b: 1 },
      label: 'label value',
    });
  });

  it('yields {} for a missing schema', () => {
    expect(exampleForSchema(undefined)).toBeNull();
    expect(exampleForSchema({ type: 'object' })).toEqual({});
  });
});
