/**
 * The app needs no browser permission: no camera, microphone, location, notifications, clipboard
 * reads, MIDI, HID or USB. Every request and every check is denied; the permission is a parameter
 * only so the log says what was asked for.
 */
export function decidePermissionRequest(_permission: string): boolean {
  return false;
}

/** Synchronous permission checks (`navigator.permissions.query`, feature probes): also denied. */
export function decidePermissionCheck(_permission: string): boolean {
  return false;
}
