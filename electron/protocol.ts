import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, resolveAppAsset } from './policy/appUrl';
import { APP_PROTOCOL_METHODS, appResponseHeaders } from './policy/responseHeaders';

/**
 * Must run before `app` is ready: app:// behaves like https (standard, secure origin, fetch).
 * `codeCache` lets V8 keep the compiled bundle between launches (as it does for https), so a cold
 * start after the first does not parse and compile the ~1 MB of start-up JavaScript again.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** Serves the renderer build from `rendererRoot`; everything the resolver refuses is a 404. */
export function serveAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async function serveAppRequest(request) {
    if (!APP_PROTOCOL_METHODS.includes(request.method)) return textResponse(405, 'Method not allowed');
    const resolved = resolveAppAsset(request.url, rendererRoot);
    if (!resolved.ok) {
      console.warn(`[protocol] refused ${JSON.stringify(request.url.slice(0, 200))}: ${resolved.message}`);
      return textResponse(404, 'Not found');
    }
    try {
      const body = await readFile(resolved.value.filePath);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: appResponseHeaders(resolved.value.mimeType),
      });
    } catch (error) {
      if (isMissingFileError(error)) return textResponse(404, 'Not found');
      console.error(`[protocol] cannot read ${resolved.value.filePath}`, error);
      return textResponse(500, 'Cannot read the file');
    }
  });
}
