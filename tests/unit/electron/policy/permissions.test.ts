import { describe, expect, it } from 'vitest';
import { decidePermissionCheck, decidePermissionRequest } from '../../../../electron/policy/permissions';

describe('permissions: all denied', () => {
  const permissions = [
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'mediaKeySystem',
    'idle-detection',
    'window-management',
    'hid',
    'serial',
    'usb',
    'storage-access',
    'unknown',
    '',
  ];
  it.each(permissions)('request %s → denied', (permission) => {
    expect(decidePermissionRequest(permission)).toBe(false);
  });
  it.each(permissions)('check %s → denied', (permission) => {
    expect(decidePermissionCheck(permission)).toBe(false);
  });
});
