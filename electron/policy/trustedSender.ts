import { isAppUrl } from './appUrl';

/**
 * Is an IPC message from the app's own page? The sender frame's URL must be app://atlas; a frame
 * that navigated elsewhere, a destroyed frame (no URL) or any other origin is refused.
 */
export function isTrustedSender(senderUrl: unknown): boolean {
  return isAppUrl(senderUrl);
}
