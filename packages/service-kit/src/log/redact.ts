/** What stands in for anything secret in a log line. */
export const REDACTED = '[REDACTED]';

/** Characters a logged string keeps; the rest is cut (a payload name can be megabytes). */
export const MAX_LOGGED_LENGTH = 1024;

/** Pieces of a configured secret shorter than this are too common to redact on their own. */
const MIN_PIECE_LENGTH = 4;

const PATTERNS: readonly [RegExp, string][] = [
  // Groq keys, whatever characters follow the prefix (`gsk_live_SECRET-123`).
  [/gsk_[^\s"'\\,;)}\]]+/g, `gsk_${REDACTED}`],
  [/\bBearer\s+[^\s"'\\,;)}\]]+/gi, `Bearer ${REDACTED}`],
  // The user and password of any URL (`https://me:pw@host`, `postgres://user:pw@host`).
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s"'@]*@/gi, `$1${REDACTED}@`],
];

/**
 * Removes secrets from text bound for the log: each configured secret whole, JSON-escaped and
 * piece by piece (a key with an embedded newline shows up split, or escaped, in error messages),
 * any Groq key, bearer token or URL credentials; then cuts the text to {@link MAX_LOGGED_LENGTH}.
 */
export class Redactor {
  private readonly literals: string[];

  /** @param secrets the values never to log (API key, tokens); undefined and empty ones are skipped. */
  constructor(secrets: readonly (string | undefined)[]) {
    const literals = new Set<string>();
    for (const secret of secrets) {
      if (secret === undefined || secret === '') continue;
      literals.add(secret);
      literals.add(JSON.stringify(secret).slice(1, -1));
      for (const piece of secret.split(/[\s\p{Cc}]+/u)) {
        if (piece.length >= MIN_PIECE_LENGTH) literals.add(piece);
      }
    }
    // Longest first, so that a piece never leaves the rest of a longer literal behind.
    this.literals = [...literals].sort((a, b) => b.length - a.length);
  }

  /** The text with every secret replaced by {@link REDACTED}, cut to {@link MAX_LOGGED_LENGTH}. */
  redact(text: string): string {
    let result = text;
    for (const literal of this.literals) {
      if (result.includes(literal)) result = result.split(literal).join(REDACTED);
    }
    for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
    return result.length > MAX_LOGGED_LENGTH
      ? `${result.slice(0, MAX_LOGGED_LENGTH)}… (${result.length} characters)`
      : result;
  }
}
