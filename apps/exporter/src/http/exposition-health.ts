import type { Exposition, ExpositionFormat } from '../prometheus/render-exposition.js';

/** How long a render's outcome stands for the health endpoints before they render again. */
const FRESH_FOR_MS = 30_000;

/**
 * Whether `/metrics` can be rendered, as the health endpoints report it: the outcome of the last
 * render (a scrape's or their own), and a render of their own when none came for a while. An
 * exporter whose exposition fails is not healthy, whatever its process says.
 */
export class ExpositionHealth {
  private lastOutcome: { ok: boolean; atMs: number } | undefined;
  private checking: Promise<boolean> | undefined;

  constructor(
    private readonly render: (format: ExpositionFormat) => Promise<Exposition>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Renders for a scrape, remembering whether it worked. */
  async renderForScrape(format: ExpositionFormat): Promise<Exposition> {
    try {
      const exposition = await this.render(format);
      this.note(true);
      return exposition;
    } catch (error) {
      this.note(false);
      throw error;
    }
  }

  /** Whether the exposition renders, from the last outcome when fresh, else by rendering once. */
  healthy(): Promise<boolean> {
    const last = this.lastOutcome;
    if (last && this.clock() - last.atMs < FRESH_FOR_MS) return Promise.resolve(last.ok);
    this.checking ??= this.renderForScrape('prometheus')
      .then(
        () => true,
        () => false,
      )
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  /** Records the outcome of a render made elsewhere (a scrape streaming its body). */
  note(ok: boolean): void {
    this.lastOutcome = { ok, atMs: this.clock() };
  }
}
