import type { zhCN } from './zhCN';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language must fill: the Chinese resources with string leaves. */
export type Messages = Widen<typeof zhCN>;
