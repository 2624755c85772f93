import { describe, expect, it } from 'vitest';
import {
  arrayField,
  asRecord,
  definedOnly,
  field,
  finiteNumber,
  nonEmptyString,
  numberField,
  stringField,
} from './unknown-fields.js';

describe('field readers', () => {
  it('read properties of objects and nothing from anything else', () => {
    expect(field({ a: 1 }, 'a')).toBe(1);
    expect(field(null, 'a')).toBeUndefined();
    expect(field('text', 'length')).toBeUndefined();
  });

  it('take only finite numbers, non-empty strings and arrays', () => {
    const value = { n: 2.5, nan: Number.NaN, inf: Infinity, s: 'x', empty: '', list: [1], notList: 'a' };
    expect([numberField(value, 'n'), numberField(value, 'nan'), numberField(value, 'inf')]).toEqual([
      2.5,
      undefined,
      undefined,
    ]);
    expect([numberField(value, 's'), stringField(value, 's'), stringField(value, 'empty')]).toEqual([
      undefined,
      'x',
      undefined,
    ]);
    expect([arrayField(value, 'list'), arrayField(value, 'notList'), arrayField(undefined, 'x')]).toEqual([
      [1],
      [],
      [],
    ]);
  });
});

describe('value readers', () => {
  it('take objects, finite numbers and non-empty strings as the field readers do', () => {
    const record = { a: 1 };
    expect(asRecord(record)).toBe(record);
    expect([asRecord(null), asRecord('text'), asRecord(3)]).toEqual([undefined, undefined, undefined]);
    expect([finiteNumber(0), finiteNumber(Number.NaN), finiteNumber(Infinity), finiteNumber('1')]).toEqual([
      0,
      undefined,
      undefined,
      undefined,
    ]);
    expect([nonEmptyString('x'), nonEmptyString(''), nonEmptyString(1)]).toEqual(['x', undefined, undefined]);
  });
});

describe('definedOnly', () => {
  it('drops undefined properties and keeps falsy values', () => {
    expect(definedOnly({ a: 0, b: undefined, c: '', d: false })).toEqual({ a: 0, c: '', d: false });
    expect(Object.keys(definedOnly({ a: undefined }))).toEqual([]);
  });
});
