import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { existsSync } from 'fs';
import { readFile } from 'fs/promises';
import { dirname, join } from 'path';

/** Paths with handlers of their own: the SPA fallback never answers them (even ones that do not exist yet). */
export const NON_CONSOLE_PREFIXES = ['/api', '/f', '/u', '/hooks', '/health', '/metrics', '/admin'];

/** The repository (or image) root: the nearest folder above this file with a package.json (src/ and dist/src/ alike). */
function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function consoleDir(): string {
  return process.env.CONSOLE_DIR ?? join(projectRoot(), 'console', 'dist');
}

/**
 * What the console's build writes where this answer's CSP nonce goes (vite's html.cspNonce: the inline <style>,
 * the <link>/<script> tags and a <meta property="csp-nonce">, which main.tsx hands to antd's ConfigProvider).
 */
export const NONCE_PLACEHOLDER = '__HERALD_CSP_NONCE__';

/** The nonce of this answer's CSP (set by securityHeaders, per answer): index.html's <style> elements carry it. */
export function cspNonce(res: Response): string | undefined {
  return (res.locals as { cspNonce?: string }).cspNonce;
}

export function isConsolePath(path: string): boolean {
  return !NON_CONSOLE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Serves the built console (vite build → console/dist) at `/`: hashed assets cached for a year,
 * index.html for every other GET of a console path (client-side routes), never cached so a deploy
 * shows at once. Registered before Nest's routes, so it steps aside for the API prefixes.
 */
export function serveConsole(app: INestApplication, dir = consoleDir()): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Console').warn(`console not built (${index} missing): run npm run build`);
    return false;
  }
  const express = app as NestExpressApplication;
  const assets = serveStatic(dir, {
    index: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  express.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isConsolePath(req.path)) return next();
    // index.html itself only through the template below (with this answer's nonce), never as the raw file.
    const serve: RequestHandler = req.path === '/index.html' ? (_req, _res, skip) => skip() : assets;
    serve(req, res, () => {
      // A missing file (an extension in the last segment) is a 404 from Nest, not the app shell.
      if (/\.[A-Za-z0-9]+$/.test(req.path) && req.path !== '/index.html') return next();
      res.setHeader('Cache-Control', 'no-cache');
      readFile(index, 'utf8').then((html) => res.type('html').send(html.replaceAll(NONCE_PLACEHOLDER, cspNonce(res) ?? '')), next);
    });
  });
  return true;
}
