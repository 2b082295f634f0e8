/** A debounced call that can be flushed (on close) or cancelled. */
export interface Debounced {
  (): void;
  /** Runs a pending call now, if there is one. */
  flush(): void;
  /** Drops a pending call. */
  cancel(): void;
}

/** Timer functions, injectable for tests. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Calls `run` once, `waitMs` after the last of a burst of calls (window moves fire dozens a second). */
export function debounce(run: () => void, waitMs: number, timers: Timers = realTimers): Debounced {
  let pending: unknown = null;
  const fire = (): void => {
    pending = null;
    run();
  };
  const debounced = (): void => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = timers.setTimeout(fire, waitMs);
  };
  debounced.flush = (): void => {
    if (pending === null) return;
    timers.clearTimeout(pending);
    fire();
  };
  debounced.cancel = (): void => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
  };
  return debounced;
}
