import type { Attributes } from './attributes.js';

/**
 * Point attributes the OTLP/JSON reader hands out again for the same bytes: a sender pushes the
 * same label sets push after push, so the attributes of a series are read once and then found by
 * their text. Kept apart (plain maps still, equal to any other with the same entries), so that a
 * consumer can tell them from attributes read afresh ({@link attributesAreShared}) and key its
 * own work on them.
 */
const shared = new WeakSet<Attributes>();

const MIN_REST_GENERATIONS = 4;
const MAX_REST_GENERATIONS = 64;

/**
 * Whether these attributes are the reader's shared ones: the same object comes back for every
 * later point with the same attributes, so what a consumer derives from them (a series' labels)
 * can be remembered by the object itself. Attributes read afresh never come again.
 */
export function attributesAreShared(attributes: Attributes): boolean {
  return shared.has(attributes);
}

/**
 * Attributes by their exact JSON text, in two generations: a text found in the older one moves
 * to the newer; when the newer is full, the older is dropped. Whatever a sender's push holds, at
 * most two generations are kept; label sets pushed again within a generation are always found.
 *
 * A generation that filled up with more texts read afresh than found again means the senders'
 * label sets do not fit (more distinct ones, pushed in turn, than a generation holds): each would
 * be remembered, dropped unseen and read again, at the cost of a copy, a lookup and garbage that
 * outlives the young generation, for nothing. The cache then rests: it forgets everything and
 * takes nothing for a while (the reader asks {@link active} first), then tries again, a
 * generation's worth of lookups. Each rest after a failed try is twice as long as the one before,
 * from 4 to 64 generations' worth, so that a lasting mismatch costs about one lookup in 65.
 */
export class SharedAttributesCache {
  private current = new Map<string, Attributes>();
  private previous = new Map<string, Attributes>();
  /** Texts found again, and read afresh, since the newer generation was started. */
  private found = 0;
  private missed = 0;
  /** Lookups left to skip while resting, and the length of the next rest. */
  private resting = 0;
  private nextRest: number;

  constructor(private readonly generationSize: number) {
    this.nextRest = MIN_REST_GENERATIONS * generationSize;
  }

  /** Whether to look texts up at all (it counts a lookup skipped while resting). */
  active(): boolean {
    if (this.resting === 0) return true;
    this.resting--;
    return false;
  }

  get(text: string): Attributes | undefined {
    const found = this.current.get(text) ?? this.promoted(text);
    if (found === undefined) this.missed++;
    else this.found++;
    return found;
  }

  /** Remembers the attributes of this text, handed out from now on for it (unless it now rests). */
  add(text: string, attributes: Attributes): void {
    if (this.keep(text, attributes)) shared.add(attributes);
  }

  private promoted(text: string): Attributes | undefined {
    const older = this.previous.get(text);
    if (older !== undefined) this.keep(text, older);
    return older;
  }

  /** Keeps the text in the newer generation; `false` when the cache went to rest instead. */
  private keep(text: string, attributes: Attributes): boolean {
    if (this.current.size >= this.generationSize) {
      const thrashing = this.missed > this.found;
      this.previous = thrashing ? new Map() : this.current;
      this.current = new Map();
      this.found = 0;
      this.missed = 0;
      if (thrashing) {
        this.resting = this.nextRest;
        this.nextRest = Math.min(2 * this.nextRest, MAX_REST_GENERATIONS * this.generationSize);
        return false;
      }
      this.nextRest = MIN_REST_GENERATIONS * this.generationSize;
    }
    this.current.set(text, attributes);
    return true;
  }
}
