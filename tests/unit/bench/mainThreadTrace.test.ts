import { describe, expect, it } from 'vitest';
import { mainThreadTasksAfter, type TraceEvent } from '../../bench/mainThreadTrace';

const MARK = 'atlas:bench-written';
const threadName = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', cat: '__metadata', ph: 'M', pid, tid, ts: 0, args: { name } });
const task = (tid: number, ts: number, durMs: number, cpuMs: number, name = 'ThreadControllerImpl::RunTask'): TraceEvent => ({ name, cat: 'toplevel', ph: 'X', pid: 1, tid, ts, dur: durMs * 1000, tdur: cpuMs * 1000 });
const mark = (ts: number): TraceEvent => ({ name: MARK, cat: 'blink.user_timing', ph: 'R', pid: 1, tid: 10, ts });

describe('mainThreadTasksAfter', () => {
  const names = [threadName(1, 10, 'CrRendererMain'), threadName(1, 20, 'DedicatedWorker thread'), threadName(2, 10, 'CrBrowserMain')];

  it('keeps the main thread tasks of 50 ms or more from the mark on, with wall and CPU time', () => {
    const events = [...names, task(10, 500, 300, 290), mark(1000), task(10, 2000, 160, 45), task(10, 3000, 49, 49), task(10, 4000, 80, 78)];
    expect(mainThreadTasksAfter(events, MARK)).toEqual([
      { wallMs: 160, cpuMs: 45 },
      { wallMs: 80, cpuMs: 78 },
    ]);
  });

  it('leaves out workers, other processes and events that are not tasks', () => {
    const other: TraceEvent = { ...task(10, 2500, 400, 400), pid: 2 };
    const events = [...names, mark(1000), task(20, 2000, 500, 500), other, task(10, 3000, 200, 200, 'SimpleWatcher::OnHandleReady')];
    expect(mainThreadTasksAfter(events, MARK)).toEqual([]);
  });

  it('counts from the first mark when the page marked twice', () => {
    const events = [...names, mark(1000), task(10, 1500, 120, 60), mark(5000)];
    expect(mainThreadTasksAfter(events, MARK)).toEqual([{ wallMs: 120, cpuMs: 60 }]);
  });

  it('refuses a trace without the mark or without a renderer main thread, rather than report 0', () => {
    expect(() => mainThreadTasksAfter([...names, task(10, 2000, 160, 45)], MARK)).toThrow(/no mark/);
    expect(() => mainThreadTasksAfter([mark(1000), task(10, 2000, 160, 45)], MARK)).toThrow(/no renderer main thread/);
  });

  it('takes a mark only from user timing, not an event of the same name in another category', () => {
    const impostor: TraceEvent = { ...mark(1000), cat: 'devtools.timeline' };
    expect(() => mainThreadTasksAfter([...names, impostor], MARK)).toThrow(/no mark/);
  });
});
