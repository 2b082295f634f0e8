/** An expected failure as a value: a code to branch on and a message a person can act on (STYLE.md). */
export type Result<T, E extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E; readonly message: string; readonly details?: readonly string[] };

/** A successful result. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** A failed result with a code and a human message. */
export function err<E extends string>(
  error: E,
  message: string,
  details?: readonly string[],
): { readonly ok: false; readonly error: E; readonly message: string; readonly details?: readonly string[] } {
  return details ? { ok: false, error, message, details } : { ok: false, error, message };
}
