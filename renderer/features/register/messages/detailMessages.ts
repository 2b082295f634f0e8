/** Chinese strings of the scenario detail (i18n namespace key `detail`). */
export const detailZh = {} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English strings of the scenario detail: the same keys as {@link detailZh}. */
export const detailEn: Widen<typeof detailZh> = {};
