/** Groq's API host; any base URL on it (`https://api.groq.com/openai/v1`) is Groq. */
const GROQ_API_HOST = 'api.groq.com';

/**
 * Extra base URLs that are Groq for the `openai` SDK (a simulator, a proxy, a gateway in front
 * of Groq), comma-separated, for the register entry and `OpenAIInstrumentation` without config.
 */
export const ENV_GROQ_BASE_URLS = 'GROQMETER_GROQ_BASE_URLS';

function withoutTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/** The `groqBaseURLs` option, else {@link ENV_GROQ_BASE_URLS}. */
export function configuredGroqBaseURLs(option: readonly string[] | undefined): string[] {
  const listed = option ?? (process.env[ENV_GROQ_BASE_URLS] ?? '').split(',');
  return listed.map((url) => withoutTrailingSlash(url.trim())).filter((url) => url !== '');
}

/**
 * Whether an `openai` client's base URL points at Groq: its host is `api.groq.com`, or it starts
 * with one of `extra` (compared without a trailing slash). Calls to OpenAI itself, or to any
 * other host, are not Groq operations and are not recorded.
 */
export function isGroqBaseURL(baseURL: string | undefined, extra: readonly string[]): boolean {
  if (baseURL === undefined) return false;
  const url = withoutTrailingSlash(baseURL);
  if (extra.some((prefix) => url === prefix || url.startsWith(`${prefix}/`))) return true;
  try {
    return new URL(url).hostname === GROQ_API_HOST;
  } catch {
    return false;
  }
}
