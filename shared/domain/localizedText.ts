/** A text shown to a person in both UI languages: Chinese first, English for the language switch. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

/** One of the UI languages' short keys in a {@link LocalizedText}. */
export type TextLanguage = keyof LocalizedText;

/**
 * A failed domain result: `message` is the Chinese text (so it is a `Result` from shared/result.ts),
 * `text` carries both languages for the renderer.
 */
export interface DomainFailure<E extends string> {
  readonly ok: false;
  readonly error: E;
  readonly message: string;
  readonly text: LocalizedText;
  readonly details?: readonly string[];
}

/** A `Result` whose failure also carries its English twin; assignable to `Result<T, E>`. */
export type DomainResult<T, E extends string> = { readonly ok: true; readonly value: T } | DomainFailure<E>;

/** A failed {@link DomainResult} with a code and a bilingual message. */
export function fail<E extends string>(error: E, text: LocalizedText, details?: readonly string[]): DomainFailure<E> {
  return details ? { ok: false, error, message: text.zh, text, details } : { ok: false, error, message: text.zh, text };
}

/** The text in one language; `zh-CN` and `zh` both pick Chinese. */
export function localize(text: LocalizedText, language: string): string {
  return language.startsWith('zh') ? text.zh : text.en;
}

/**
 * A failure's message in one language: its {@link DomainFailure.text} when it has one, else its
 * `message` (failures that crossed from main, or from code that has only the Chinese text).
 */
export function failureMessage(failure: { readonly message: string }, language: string): string {
  const text = (failure as { readonly text?: unknown }).text;
  if (typeof text === 'object' && text !== null && typeof (text as LocalizedText).zh === 'string' && typeof (text as LocalizedText).en === 'string') {
    return localize(text as LocalizedText, language);
  }
  return failure.message;
}
