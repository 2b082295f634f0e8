import { ipcMain } from 'electron';
import type { IpcHandlers } from '../shared/ipc/contract';
import { IPC_CHANNELS, dispatchIpc } from './policy/ipcDispatch';

/**
 * Registers the one handler table for every channel of the contract. Each request is checked by
 * {@link dispatchIpc}: trusted sender frame (app://atlas) and arguments valid for the channel.
 */
export function registerIpcHandlers(handlers: IpcHandlers): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, ...rawArgs: unknown[]) =>
      dispatchIpc(handlers, channel, event.senderFrame?.url, rawArgs),
    );
  }
}
