import {
  ipcArgSchemas,
  parseIpcArgs,
  type IpcChannel,
  type IpcContract,
  type IpcHandlers,
} from '../../shared/ipc/contract';
import { isTrustedSender } from './trustedSender';

/** Every request channel of the contract, from its (complete, compile-checked) schema table. */
export const IPC_CHANNELS = Object.keys(ipcArgSchemas) as readonly IpcChannel[];

/**
 * Runs one IPC request: the sender must be the app's own page and the arguments must fit the
 * channel's schema before the handler sees them. Refusals reject with a message naming the channel
 * and the reason; the renderer's error boundary shows it.
 */
export async function dispatchIpc<K extends IpcChannel>(
  handlers: IpcHandlers,
  channel: K,
  senderUrl: string | undefined,
  rawArgs: readonly unknown[],
): Promise<IpcContract[K]['result']> {
  if (!isTrustedSender(senderUrl)) {
    throw new Error(
      `[ipc] ${channel} refused: the request did not come from the app's own page (app://atlas).`,
    );
  }
  const args = parseIpcArgs(channel, rawArgs);
  if (args === null) {
    throw new Error(`[ipc] ${channel} refused: invalid arguments.`);
  }
  const handler = handlers[channel] as (
    ...handlerArgs: IpcContract[K]['args']
  ) => Promise<IpcContract[K]['result']> | IpcContract[K]['result'];
  return handler(...args);
}
