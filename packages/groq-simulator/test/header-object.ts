/** A `Headers` as a plain object (the DOM lib in use has no `Headers` iterator type). */
export function headerObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}
