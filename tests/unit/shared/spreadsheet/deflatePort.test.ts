import { describe, expect, it } from 'vitest';
import { DEFLATE_LOCAL_EVERY, portDeflater, serveDeflate, type PortLike } from '../../../../shared/spreadsheet/deflatePort';
import { deflateChunk } from '../../../../shared/spreadsheet/zipWriter';

/** Two ends of a port pair in this thread, copying what is posted as a real port does; counts what the asking end posts. */
function portPair() {
  const posted: unknown[] = [];
  const asking: PortLike = {
    onmessage: null,
    postMessage(message) {
      posted.push(message);
      const copy: unknown = structuredClone(message);
      queueMicrotask(() => serving.onmessage?.({ data: copy }));
    },
    close() {},
  };
  const serving: PortLike = {
    onmessage: null,
    postMessage(message) {
      const copy: unknown = structuredClone(message);
      queueMicrotask(() => asking.onmessage?.({ data: copy }));
    },
    close() {},
  };
  serveDeflate(serving);
  return { asking, posted };
}

const chunks = Array.from({ length: 13 }, (_, i) => new TextEncoder().encode(`<row r="${String(i)}"><c r="A${String(i)}" t="inlineStr"><is><t>场景 ${String(i)}</t></is></c></row>`.repeat(20)));

describe('portDeflater', () => {
  it.each([[DEFLATE_LOCAL_EVERY], [4], [0]])('compresses one chunk in %i here and the rest over the port, with the same bytes either way', async (every) => {
    const { asking, posted } = portPair();
    const { deflater } = portDeflater(asking, every);
    const answers = await Promise.all(chunks.map((chunk, i) => deflater(chunk, i === chunks.length - 1)));
    const local = every === 0 ? 0 : Math.floor(chunks.length / every);
    expect(posted).toHaveLength(chunks.length - local);
    expect(answers).toEqual(chunks.map((chunk, i) => deflateChunk(chunk, i === chunks.length - 1)));
  });

  it('is done with a chunk when it returns: the writer may overwrite its buffer at once', async () => {
    const { asking } = portPair();
    const { deflater } = portDeflater(asking, 2);
    const buffer = chunks[0]!.slice();
    const expected = [deflateChunk(buffer, false), deflateChunk(buffer, true)];
    const first = deflater(buffer, false);
    const second = deflater(buffer, true);
    buffer.fill(0);
    expect(await Promise.all([first, second])).toEqual(expected);
  });
});
