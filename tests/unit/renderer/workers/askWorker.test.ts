import { describe, expect, it } from 'vitest';
import { askWorker, talkToWorker, type AskedWorker } from '../../../../renderer/workers/askWorker';

/** A worker stand-in: records what was posted and whether it was ended; the test answers for it. */
function fakeWorker() {
  const posted: { message: unknown; transfer: Transferable[] }[] = [];
  let isTerminated = false;
  const worker: AskedWorker = {
    onmessage: null,
    onerror: null,
    postMessage: ((message: unknown, transfer: Transferable[]) => {
      posted.push({ message, transfer });
    }) as Worker['postMessage'],
    terminate: () => {
      isTerminated = true;
    },
  };
  const answer = (data: unknown) => worker.onmessage?.call(worker as Worker, { data } as MessageEvent);
  const fail = (message: string) => worker.onerror?.call(worker as Worker, { message } as ErrorEvent);
  return { worker, posted, answer, fail, isTerminated: () => isTerminated };
}

describe('askWorker', () => {
  it('posts the question with its transfer list and resolves to the answer, then ends the worker', async () => {
    const fake = fakeWorker();
    const buffer = new ArrayBuffer(4);
    const asked = askWorker<{ written: number }>(fake.worker, { count: 3 }, 'the seed worker', [buffer]);
    expect(fake.posted).toEqual([{ message: { count: 3 }, transfer: [buffer] }]);
    fake.answer({ ok: true, written: 3 });
    await expect(asked).resolves.toMatchObject({ written: 3 });
    expect(fake.isTerminated()).toBe(true);
  });

  it('rejects with the message of an answer that is not ok, and ends the worker', async () => {
    const fake = fakeWorker();
    const asked = askWorker(fake.worker, {}, 'the backup worker');
    fake.answer({ ok: false, message: '存储空间已满' });
    await expect(asked).rejects.toThrow('存储空间已满');
    expect(fake.isTerminated()).toBe(true);
  });

  it.each([
    ['boom', 'the backup worker failed: boom'],
    ['', 'the backup worker failed'],
  ])('rejects naming the worker when it fails (%j)', async (message, expected) => {
    const fake = fakeWorker();
    const asked = askWorker(fake.worker, {}, 'the backup worker');
    fake.fail(message);
    await expect(asked).rejects.toThrow(new Error(expected));
    expect(fake.isTerminated()).toBe(true);
  });
});

describe('talkToWorker', () => {
  it('asks questions in turn, keeping the worker until the conversation ends', async () => {
    const fake = fakeWorker();
    const conversation = talkToWorker(fake.worker, 'the restore worker');
    const first = conversation.ask<{ counts: number }>({ step: 'check' });
    fake.answer({ ok: true, counts: 4 });
    await expect(first).resolves.toMatchObject({ counts: 4 });
    expect(fake.isTerminated()).toBe(false);
    const second = conversation.ask({ step: 'write' });
    fake.answer({ ok: false, message: '写入失败' });
    await expect(second).rejects.toThrow('写入失败');
    expect(fake.posted.map((post) => post.message)).toEqual([{ step: 'check' }, { step: 'write' }]);
    expect(fake.isTerminated()).toBe(false);
    conversation.end();
    expect(fake.isTerminated()).toBe(true);
  });
});
