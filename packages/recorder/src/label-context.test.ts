import { describe, expect, it } from 'vitest';
import { attributionLabelKey, attributionLabelsOf } from './label-context.js';
import { orderedLabelKey } from './series-cap.js';

describe('attributionLabelKey', () => {
  it('is the ordered label key of the labels attributionLabelsOf builds, without building them', () => {
    const labelAttributes = new Set(['feature', 'tenant_tier', 'platform']);
    const attribution = { feature: 'chat:search', user: 'u-1', tenant_tier: 2, platform: '', beta: true };
    expect(attributionLabelsOf(attribution, labelAttributes)).toEqual({
      feature: 'chat:search',
      tenant_tier: '2',
    });
    expect(attributionLabelKey(attribution, labelAttributes)).toBe(
      '7:feature11:chat:search11:tenant_tier1:2',
    );
    expect(attributionLabelKey(attribution, labelAttributes)).toBe(
      orderedLabelKey(attributionLabelsOf(attribution, labelAttributes)),
    );
  });
});
