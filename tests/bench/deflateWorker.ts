/**
 * The export's compression worker under Node's worker_threads, for the benchmark: the same
 * shared code (deflatePort.ts serveDeflate) that renderer/features/export/deflateWorker.ts runs in
 * the app, behind the port the first message brings.
 */
import { parentPort } from 'node:worker_threads';
import { serveDeflate, type PortLike } from '../../shared/spreadsheet/deflatePort';

parentPort?.once('message', (message: { readonly port: PortLike }) => {
  serveDeflate(message.port);
});
