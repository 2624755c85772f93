import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** How long the file must be quiet before it is read again: editors write in several steps. */
export const RELOAD_DEBOUNCE_MS = 250;

/**
 * Calls `onChange` once the file at `path` has changed and stayed quiet for `debounceMs`. The
 * folder is watched, not the file, so that a file replaced by a rename (most editors, `kubectl`
 * config maps) is still followed.
 *
 * @returns a function that stops watching.
 */
export function watchBudgetsFile(
  path: string,
  onChange: () => void,
  debounceMs = RELOAD_DEBOUNCE_MS,
): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  // A folder that goes away ends the watch; the last good budgets stay in force.
  watcher.on('error', () => watcher.close());
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
