import { shell, type Session, type WebContents } from 'electron';
import { decideNavigation, decideWindowOpen } from './policy/navigation';
import { decidePermissionCheck, decidePermissionRequest } from './policy/permissions';

function openInBrowser(url: string): void {
  shell
    .openExternal(url)
    .catch((error: unknown) => console.error('[security] could not open an external link', error));
}

/**
 * Applied to every webContents the app ever creates (from `web-contents-created`): navigation
 * stays inside app://atlas, new windows are never created, allowed external links go to the
 * user's browser, webviews are refused.
 */
export function hardenWebContents(contents: WebContents): void {
  const guard = (event: { readonly url: string; preventDefault(): void }, mayOpenExternal: boolean): void => {
    const decision = decideNavigation(event.url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external' && mayOpenExternal) openInBrowser(event.url);
    else console.warn(`[security] blocked navigation to ${JSON.stringify(event.url.slice(0, 200))}`);
  };
  // A link the user follows in the page: the only navigation that may hand a URL to the browser.
  contents.on('will-navigate', (event) => guard(event, true));
  // Subframes (the CSP allows none) and redirects never open anything; the main frame is handled above.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) guard(event, false);
  });
  contents.on('will-redirect', (event) => guard(event, false));
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') openInBrowser(url);
    else console.warn(`[security] blocked window.open of ${JSON.stringify(url.slice(0, 200))}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    console.warn('[security] blocked a <webview>');
  });
}

/** No browser permission is ever granted (camera, location, notifications, HID, USB, serial …). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const isGranted = decidePermissionRequest(permission);
    if (!isGranted) console.warn(`[security] denied permission request: ${permission}`);
    callback(isGranted);
  });
  session.setPermissionCheckHandler((_contents, permission) => decidePermissionCheck(permission));
  session.setDevicePermissionHandler(() => false);
}
