/**
 * The request-body bytes all pushes in flight may hold together (read, inflated and decoded at
 * once): past it a push is answered 503 with `Retry-After`, which OTLP senders retry, instead of
 * taking memory without bound when many large pushes arrive at once.
 */
export class BodyBudget {
  private held = 0;

  constructor(readonly maxBytes: number) {}

  /** Takes `bytes` from the budget; `false` (nothing taken) when they do not fit. A push may always take a budget no one holds. */
  reserve(bytes: number): boolean {
    if (this.held > 0 && this.held + bytes > this.maxBytes) return false;
    this.held += bytes;
    return true;
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }

  get heldBytes(): number {
    return this.held;
  }
}
