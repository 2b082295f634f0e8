/** Chinese strings of the scenario form (i18n namespace key `form`). */
export const formZh = {} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English strings of the scenario form: the same keys as {@link formZh}. */
export const formEn: Widen<typeof formZh> = {};
