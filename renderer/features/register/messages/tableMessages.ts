/** Chinese strings of the scenario table (i18n namespace key `table`). */
export const tableZh = {} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English strings of the scenario table: the same keys as {@link tableZh}. */
export const tableEn: Widen<typeof tableZh> = {};
