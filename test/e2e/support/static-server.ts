import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppFile } from '../../../main/app-files.js';

/** A loopback HTTP server for the built renderer, with the app's CSP header on every file. */
export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 exactly as the app's protocol handler maps URLs to files. */
export async function serveRenderer(root: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const file = resolveAppFile(`${APP_SCHEME}://${APP_HOST}${request.url ?? '/'}`, root);
    if (file === null) {
      response.writeHead(404).end();
      return;
    }
    readFile(file.path).then(
      (body) =>
        response
          .writeHead(200, { 'content-type': file.mimeType, 'content-security-policy': CONTENT_SECURITY_POLICY })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}/index.html`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
