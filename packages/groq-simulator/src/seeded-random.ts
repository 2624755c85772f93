import { createHash } from 'node:crypto';

/**
 * Deterministic randomness. Every generated value is derived from the simulator seed plus a label
 * (what it is for), so the same seed and the same requests always give the same ids and texts.
 */

/** A generator of floats in [0, 1) (mulberry32). */
export type Random = () => number;

/** A 32-bit seed derived from any number of labels. */
export function deriveSeed(...labels: readonly (string | number)[]): number {
  return createHash('sha256').update(labels.join('\u0000')).digest().readUInt32LE(0);
}

/** A mulberry32 generator started from `seed`. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** `length` lowercase Crockford base-32 characters derived from the labels (ULID-like ids). */
export function base32Id(length: number, ...labels: readonly (string | number)[]): string {
  const digest = createHash('sha256').update(labels.join('\u0000')).digest();
  let out = '';
  for (let i = 0; i < length; i += 1) out += CROCKFORD[(digest[i % digest.length] ?? 0) % 32];
  return out;
}

/** A UUID-shaped (version 4 layout) id derived from the labels. */
export function uuidFrom(...labels: readonly (string | number)[]): string {
  const hex = createHash('sha256').update(labels.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A short hex digest of the labels. */
export function hexId(length: number, ...labels: readonly (string | number)[]): string {
  return createHash('sha256').update(labels.join('\u0000')).digest('hex').slice(0, length);
}

const WORDS = [
  'groq',
  'token',
  'fast',
  'model',
  'answer',
  'stream',
  'cache',
  'prompt',
  'latency',
  'budget',
  'the',
  'a',
  'of',
  'and',
  'to',
  'in',
  'is',
  'it',
  'that',
  'for',
  'on',
  'with',
  'as',
  'this',
  'simple',
  'quick',
  'clear',
  'steady',
  'small',
  'large',
  'useful',
  'exact',
  'open',
  'bright',
  'river',
  'mountain',
  'signal',
  'window',
  'garden',
  'engine',
  'report',
  'metric',
  'harbor',
  'measure',
  'observe',
  'compute',
  'deliver',
  'explain',
  'compare',
  'follow',
  'return',
  'count',
] as const;

/** `count` words drawn from `random`, each one simulated token. */
export function randomWords(random: Random, count: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < count; i += 1) words.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'groq');
  return words;
}
