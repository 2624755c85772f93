import { readFileSync } from 'node:fs';
import { replaceFile } from '../state/replace-file.js';

/** The state file's format: the ids of every batch already metered, oldest first. */
interface MeteredBatchesFile {
  version: 1;
  metered: string[];
}

/**
 * The batches already metered, persisted in a small JSON state file so that a restarted exporter
 * meters each completed batch exactly once. The file is replaced atomically (write, then rename),
 * synchronously right after a batch is metered, so no restart can see a batch metered but not
 * recorded. Only the newest `maxEntries` ids are kept: Groq lists recent batches, so older ids can
 * no longer come back.
 */
export class MeteredBatches {
  private readonly ids: Set<string>;

  /** @throws when the file exists but is not a state file of this format (never silently reset: that would meter twice). */
  constructor(
    private readonly path: string,
    private readonly maxEntries: number,
  ) {
    this.ids = new Set(readState(path));
  }

  has(batchId: string): boolean {
    return this.ids.has(batchId);
  }

  /** Records a metered batch and writes the file. */
  add(batchId: string): void {
    this.ids.delete(batchId);
    this.ids.add(batchId);
    while (this.ids.size > this.maxEntries) this.ids.delete(this.ids.values().next().value as string);
    const file: MeteredBatchesFile = { version: 1, metered: [...this.ids] };
    replaceFile(this.path, `${JSON.stringify(file)}\n`);
  }

  get size(): number {
    return this.ids.size;
  }
}

function readState(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const state = JSON.parse(text) as Partial<MeteredBatchesFile> | null;
  if (
    state?.version !== 1 ||
    !Array.isArray(state.metered) ||
    !state.metered.every((id) => typeof id === 'string')
  ) {
    throw new Error(
      `${path} is not a groqmeter batch state file ({"version":1,"metered":[…]}); move it away or point --groq-batches-state elsewhere`,
    );
  }
  return state.metered;
}
