import { randomBytes } from 'crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { cspNonce, isConsolePath } from './serve-console';

/** HSTS: a year (≥ 180 days), subdomains too; sent only on an https request (see securityHeaders). */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * The headers every answer gets, spelled out rather than helmet's defaults. HSTS is off here: it is
 * added per request, only when the request came over https (a plain-http deployment that sent it would
 * lock browsers out of itself for a year).
 */
const BASE = {
  strictTransportSecurity: false,
  xContentTypeOptions: true,
  // The console's URLs name customers, sends and journeys: other sites never see them in a Referer.
  referrerPolicy: { policy: 'same-origin' },
  xFrameOptions: { action: 'deny' },
  // The console opens no cross-origin windows that need a handle on it.
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  // require-corp would refuse nothing we load but gains nothing either; off, as helmet has it.
  crossOriginEmbedderPolicy: false,
  originAgentCluster: true,
  xDnsPrefetchControl: { allow: false },
  xDownloadOptions: true,
  xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
  xPoweredBy: true,
  // "0": the old XSS auditors are themselves an attack surface; the CSP does the work.
  xXssProtection: true,
} satisfies HelmetOptions;

const nonceSource = (_req: unknown, res: unknown) => `'nonce-${cspNonce(res as Response) ?? ''}'`;

/**
 * The console's policy: what its vite build needs and nothing more (default-src 'none' refuses the rest).
 * No 'upgrade-insecure-requests': on a plain-http deployment it would send the console's own requests to https.
 */
const CONSOLE_DIRECTIVES = {
  defaultSrc: ["'none'"],
  // The build's module scripts and chunks only: no inline script, no eval (vite's output needs neither).
  scriptSrc: ["'self'"],
  // The built CSS files, plus the <style> elements antd's CSS-in-JS inserts at run time, each carrying this
  // answer's nonce (ConfigProvider csp; console/src/lib/csp.ts for antd's helpers). style="" attributes stay refused:
  // React sets styles through the CSSOM, and so does a script's setAttribute('style') in the console (lib/csp.ts).
  styleSrc: ["'self'", nonceSource],
  // data: for the empty favicon (<link rel="icon" href="data:,">) and antd's inline SVG images (Empty, Result).
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  // fetch() to the API on the same origin only.
  connectSrc: ["'self'"],
  // The form editor's preview is a srcdoc frame (no URL is fetched, so frame-src does not apply); nothing else is framed.
  frameSrc: ["'none'"],
  objectSrc: ["'none'"],
  // No <base> element: an injected one could redirect the relative chunk URLs.
  baseUri: ["'none'"],
  // The sign-in form posts through fetch; a native submit could only go back to us.
  formAction: ["'self'"],
  // Nobody frames the console (clickjacking); X-Frame-Options: DENY says the same to older browsers.
  frameAncestors: ["'none'"],
};

/**
 * The unsubscribe page (/u/<token>): its own inline <style>, an inline SVG, a form posting back to itself.
 * Not framed: a hidden frame could make a visitor confirm without knowing.
 */
const UNSUBSCRIBE_DIRECTIVES = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ['data:'],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Swagger UI at /api/docs: its bundle and init script are files of ours; @nestjs/swagger's page carries an inline
 * <style> and style="" attributes ('unsafe-inline' for styles only: the page runs no inline script), its CSS has
 * data: images; "Try it out" calls the API on the same origin.
 */
const DOCS_DIRECTIVES = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const NO_DEFAULT_SRC: typeof helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc = helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc;
type Directives = Record<string, Array<string | typeof nonceSource> | typeof NO_DEFAULT_SRC>;

/**
 * bull-board at /admin/queues (behind the admin token): a third-party page with inline styles, Google Fonts and a
 * <base> of its own. Only what cannot break it: not framed, no plugins, <base> on our origin.
 */
const BOARD_DIRECTIVES: Directives = {
  // No default-src on purpose: the board loads what it loads (helmet insists on a word for that).
  defaultSrc: NO_DEFAULT_SRC,
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
};

const policy = (directives: Directives) => ({ useDefaults: false as const, directives });

/**
 * Security headers for every answer, chosen by path once per request (each helmet middleware below
 * precomputes its header values; only the console's nonce is made per answer):
 * - the console (index.html, its routes, its assets): its CSP with a per-answer style nonce;
 * - /f/<key> form micro-pages: their own CSP (set by the forms module, per form); no X-Frame-Options and a
 *   cross-origin resource policy, since marketers embed them in their own sites;
 * - /u/<token>: the unsubscribe page's strict policy;
 * - the /api/docs page (Swagger UI) and /admin (bull-board): third-party pages, each with a policy it works under;
 * - everything else (the API's JSON, hooks, health, metrics): default-src 'none'; frame-ancestors 'none'.
 * HSTS is added when req.secure (https, directly or through the trusted proxy's X-Forwarded-Proto).
 */
export function securityHeaders(): RequestHandler {
  const consoleHeaders = helmet({ ...BASE, contentSecurityPolicy: policy(CONSOLE_DIRECTIVES) });
  // Not a page: nothing to load, nothing to frame (cheap insurance should a browser ever render an answer).
  const apiHeaders = helmet({ ...BASE, contentSecurityPolicy: policy({ defaultSrc: ["'none'"], frameAncestors: ["'none'"] }) });
  const unsubscribeHeaders = helmet({ ...BASE, contentSecurityPolicy: policy(UNSUBSCRIBE_DIRECTIVES) });
  const formHeaders = helmet({ ...BASE, contentSecurityPolicy: false, xFrameOptions: false, crossOriginResourcePolicy: { policy: 'cross-origin' } });
  const docsHeaders = helmet({ ...BASE, contentSecurityPolicy: policy(DOCS_DIRECTIVES) });
  const boardHeaders = helmet({ ...BASE, contentSecurityPolicy: policy(BOARD_DIRECTIVES) });
  const hsts = helmet.strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true });

  const headersFor = (req: Request, res: Response): RequestHandler => {
    const path = req.path;
    if (isConsolePath(path)) {
      res.locals.cspNonce = randomBytes(16).toString('base64');
      return consoleHeaders;
    }
    if (path.startsWith('/f/')) return formHeaders;
    if (path.startsWith('/u/')) return unsubscribeHeaders;
    if (path === '/admin' || path.startsWith('/admin/')) return boardHeaders;
    if (isDocsPage(path)) return docsHeaders;
    return apiHeaders;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const headers = headersFor(req, res);
    if (!req.secure) return headers(req, res, next);
    hsts(req, res, () => headers(req, res, next));
  };
}

/** Swagger UI's page and files; the document itself (openapi.json) is JSON like any answer. */
function isDocsPage(path: string): boolean {
  return (path === '/api/docs' || path.startsWith('/api/docs/')) && !path.endsWith('.json');
}
