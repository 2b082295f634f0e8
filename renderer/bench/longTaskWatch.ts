/** The page's long tasks for the bench's in-page figures (exchangeBench.ts, backupBench.ts). */

/** Collects long tasks from now on; `longest(from, to)` is the longest that started between the two. */
export function watchLongTasks(): { longest(from: number, to: number): Promise<number>; stop(): void } {
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry);
  });
  observer.observe({ type: 'longtask', buffered: true });
  return {
    async longest(from, to) {
      // A task's entry is queued after it ends: give the observer a frame and a task to catch up.
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      for (const entry of observer.takeRecords()) tasks.push(entry);
      return Math.max(0, ...tasks.filter((task) => task.startTime + task.duration > from && task.startTime < to).map((task) => task.duration));
    },
    stop: () => observer.disconnect(),
  };
}
