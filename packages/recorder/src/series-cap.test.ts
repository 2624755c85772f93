import { describe, expect, it } from 'vitest';
import { orderedLabelKey, SeriesCap } from './series-cap.js';

describe('SeriesCap', () => {
  it('admits up to cap label sets per metric, then folds attribution into __overflow__', () => {
    let overflows = 0;
    const cap = new SeriesCap(2, () => {
      overflows += 1;
    });
    const keys = ['feature'];
    expect(cap.admit('m', { model: 'a', feature: 'one' }, keys)).toEqual({ model: 'a', feature: 'one' });
    expect(cap.admit('m', { feature: 'two', model: 'a' }, keys)).toEqual({ feature: 'two', model: 'a' });
    // A set already seen (in any key order) is still admitted.
    expect(cap.admit('m', { feature: 'one', model: 'a' }, keys)).toEqual({ model: 'a', feature: 'one' });
    expect(cap.admit('m', { model: 'a', feature: 'three' }, keys)).toEqual({
      model: 'a',
      feature: '__overflow__',
    });
    expect(cap.admit('m', { model: 'a', feature: 'four' }, keys)).toEqual({
      model: 'a',
      feature: '__overflow__',
    });
    expect(overflows).toBe(2);
    // Each metric has its own budget.
    expect(cap.admit('other', { model: 'a', feature: 'three' }, keys)).toEqual({
      model: 'a',
      feature: 'three',
    });
  });

  it('always admits label sets without attribution', () => {
    let overflows = 0;
    const cap = new SeriesCap(0, () => {
      overflows += 1;
    });
    expect(cap.admit('m', { model: 'x' }, [])).toEqual({ model: 'x' });
    expect(cap.admit('m', { model: 'y', tenant_tier: 'gold' }, ['tenant_tier'])).toEqual({
      model: 'y',
      tenant_tier: '__overflow__',
    });
    expect(overflows).toBe(1);
  });

  it('keys label sets unambiguously, whatever their values hold', () => {
    expect(orderedLabelKey({ a: 'b1:c' })).not.toBe(orderedLabelKey({ a: 'b', c: '' }));
    expect(orderedLabelKey({ port: 443 })).not.toBe(orderedLabelKey({ port: '443' }));
    expect(orderedLabelKey({ model: 'x', type: 'input' })).toBe('5:model1:x4:type5:input');
  });
});
