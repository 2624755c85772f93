import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

describe('version', () => {
  it('matches package.json', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    expect({ name: PACKAGE_NAME, version: PACKAGE_VERSION }).toEqual({
      name: manifest.name,
      version: manifest.version,
    });
  });
});
