import type { Attributes } from './attributes.js';

/**
 * Point attributes the OTLP/JSON reader hands out again for the same bytes: a sender pushes the
 * same label sets push after push, so the attributes of a series are read once and then found by
 * their text. Kept apart (plain maps still, equal to any other with the same entries), so that a
 * consumer can tell them from attributes read afresh ({@link attributesAreShared}) and key its
 * own work on them.
 */
const shared = new WeakSet<Attributes>();

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
 */
export class SharedAttributesCache {
  private current = new Map<string, Attributes>();
  private previous = new Map<string, Attributes>();

  constructor(private readonly generationSize: number) {}

  get(text: string): Attributes | undefined {
    const found = this.current.get(text);
    if (found !== undefined) return found;
    const older = this.previous.get(text);
    if (older !== undefined) this.keep(text, older);
    return older;
  }

  /** Remembers the attributes of this text, handed out from now on for it. */
  add(text: string, attributes: Attributes): Attributes {
    shared.add(attributes);
    this.keep(text, attributes);
    return attributes;
  }

  private keep(text: string, attributes: Attributes): void {
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(text, attributes);
  }
}
