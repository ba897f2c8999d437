import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestMethod, type DynamicModule, type INestApplication, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { BodyShapeGuard, bodyRules, bodyRulesErrorHandler } from './common/body-rules.js';
import { AllExceptionsFilter } from './common/error.filter.js';
import { AppLogger, accessLog, createAppLogger } from './common/logging.js';
import { inlineScriptHashes, replayStaticHeaders } from './common/security-headers.js';
import { assetCacheControl, precompressedStatic } from './common/static-assets.js';
import { buildOpenApiDocument } from './common/openapi.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import { configureQueueBackend } from './modules/jobs/queue-backend.js';
import { httpMetricsMiddleware, metricsHandler, startDefaultMetrics } from './modules/health/metrics.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FAVICON = path.join(repoRoot, 'backend/assets/favicon.ico');
/** the built SPAs: the admin panel (served under /admin) and the member app (at /) */
const SPA_DIRS = [path.join(repoRoot, 'frontend-admin/dist'), path.join(repoRoot, 'frontend-user/dist')] as const;

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  /**
   * Builds the app from the root module instead of `NestFactory.create` — the test harness passes one
   * that replaces providers (the Clock) through `@nestjs/testing`, a dev dependency only.
   */
  build?: (module: DynamicModule, options: NestApplicationOptions) => Promise<NestExpressApplication>;
  serveSpas?: boolean;
}

/** Builds the whole HTTP app (used by main.ts, the integration tests and the benchmarks). */
export async function createApp(opts: CreateAppOptions): Promise<NestExpressApplication> {
  const { config, databaseUrl } = opts;
  const queueBackend = configureQueueBackend(config, databaseUrl);
  const module = AppModule.forRoot({ config, databaseUrl, queueBackend });
  const appOptions: NestApplicationOptions = { bodyParser: false, bufferLogs: true };
  const app = opts.build ? await opts.build(module, appOptions) : await NestFactory.create<NestExpressApplication>(module, appOptions);
  const logger = createAppLogger(config.logLevel);
  app.useLogger(new AppLogger(logger));
  // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (none by default), so
  // a client cannot pick its own IP for the rate limits and the lockout.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  startDefaultMetrics();
  app.use(accessLog(logger));
  app.use(httpMetricsMiddleware);
  // helmet's headers are the same for every answer: computed once, set by one function per request.
  app.use(
    replayStaticHeaders(helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'img-src': ["'self'", 'data:'],
          // 'self' and the SPAs' own inline script (their early start), by hash
          'script-src': ["'self'", ...(opts.serveSpas === false ? [] : inlineScriptHashes(SPA_DIRS.map((d) => path.join(d, 'index.html'))))],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    })),
  );
  // gzip for JSON and the SPAs' assets: `npm start` serves everything from this one process
  // (no nginx in front), and an ECharts chunk or a day of signals shrinks 3-5x. Already-compressed
  // types (XLSX, images) are skipped by the content-type filter; nginx passes encoded bodies through.
  // Only for clients that accept an encoding: for the rest, compression would wrap every response's
  // write/end/headers to end up sending it as is (HTTP clients, monitors, the api-read bench).
  const compress = compression();
  app.use((req: Request, res: Response, next: NextFunction) => (req.headers['accept-encoding'] ? compress(req, res, next) : next()));
  // Without allowed origins the cors middleware does nothing (no headers, preflights fall through): not registered then.
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  // Our own body parser and the global request-shape rules (content type, depth, strings,
  // prototype keys), so their errors get the standard error shape (common/body-rules.ts).
  app.use('/api', ...bodyRules(), bodyRulesErrorHandler);
  // Tokens and credentials never land in a cache, errors included.
  app.use(['/api/v1/auth', '/api/v1/me/password'], (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    next();
  });
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // After the APP_GUARD AuthGuard (Nest registered it while creating the app), before any route's own guards.
  app.useGlobalGuards(BodyShapeGuard.global());
  const metricsGate = metricsAccess(config);
  if (metricsGate) (app.getHttpAdapter().getInstance() as express.Express).get('/metrics', metricsGate, metricsHandler);
  // Browsers ask for /favicon.ico on every origin, whatever the page links: answer it (also without the SPAs).
  (app.getHttpAdapter().getInstance() as express.Express).get('/favicon.ico', (_req: Request, res: Response) => {
    res.sendFile(FAVICON, { maxAge: '7d' });
  });

  if (config.apiDocsEnabled) {
    const doc = buildOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  }

  if (opts.serveSpas !== false) serveSpas(app);
  app.enableShutdownHooks();
  return app;
}

/**
 * /metrics: open in development; with METRICS_TOKEN it needs `Authorization: Bearer <token>`;
 * in production without a token it is not served at all (null).
 */
export function metricsAccess(config: AppConfig): RequestHandler | null {
  const token = config.metricsToken;
  if (token === null) return config.nodeEnv === 'production' ? null : (_req, _res, next) => next();
  const expected = createHash('sha256').update(`Bearer ${token}`).digest();
  return (req, res, next) => {
    const given = createHash('sha256').update(req.headers.authorization ?? '').digest();
    if (timingSafeEqual(given, expected)) return next();
    res.status(401).json({ statusCode: 401, code: 'UNAUTHORIZED', message: 'Metrics need the METRICS_TOKEN bearer token' });
  };
}

/** Member SPA at `/`, admin SPA at `/admin/`, each with history-mode fallback to its index.html. */
function serveSpas(app: INestApplication) {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  const spa = (mount: string, dir: string) => {
    const index = path.join(dir, 'index.html');
    if (!existsSync(index)) return;
    // Brotli/gzip files written by the build first, then the plain files.
    const encoded = precompressedStatic(dir);
    const files = express.static(dir, { index: false, setHeaders: (res, file) => res.setHeader('Cache-Control', assetCacheControl(file)) });
    const assets: RequestHandler = (req, res, next) => encoded(req, res, (err?: unknown) => (err ? next(err) : files(req, res, next)));
    // API calls never name a file: skip the disk lookup the static handler would do for each.
    http.use(mount, (req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/') ? next() : assets(req, res, next)));
    http.use(mount, (req: Request, res: Response, next: NextFunction) => {
      // Only asset-like paths skip the fallback: `/stocks/600000.SH` is a page, not a file.
      if (req.method !== 'GET' || req.path.startsWith('/api/') || req.path === '/metrics' || STATIC_EXT.test(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  };
  spa('/admin', SPA_DIRS[0]);
  spa('/', SPA_DIRS[1]);
}

const STATIC_EXT = /\.(?:m?js|css|map|html?|json|txt|xml|webmanifest|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|otf|eot)$/i;

/**
 * Idle keep-alive sockets live longer on our side than on the client's (undici 4 s, nginx's upstream
 * pool 60 s): otherwise Node's 5 s default can close a socket just as a client reuses it, and that
 * request fails with ECONNRESET (seen under load in the parallel-login test).
 */
export function keepAliveLongerThanClients(server: { keepAliveTimeout: number; headersTimeout: number }): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
