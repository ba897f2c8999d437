import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter, expressErrorHandler } from './common/error.filter.js';
import { buildOpenApiDocument } from './common/openapi.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import { configureQueueBackend } from './jobs/queue-backend.js';
import { httpMetricsMiddleware, metricsHandler, startDefaultMetrics } from './modules/health/metrics.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Tests replace providers (e.g. Clock) here. */
  overrides?: Array<{ provide: unknown; useValue: unknown }>;
  serveSpas?: boolean;
}

/** Builds the whole HTTP app (used by main.ts, the integration tests and the benchmarks). */
export async function createApp(opts: CreateAppOptions): Promise<NestExpressApplication> {
  const { config, databaseUrl } = opts;
  const queueBackend = configureQueueBackend(config, databaseUrl);
  const module = AppModule.forRoot({ config, databaseUrl, queueBackend });
  let app: NestExpressApplication;
  if (opts.overrides?.length) {
    const { Test } = await import('@nestjs/testing');
    let builder = Test.createTestingModule({ imports: [module] });
    for (const o of opts.overrides) builder = builder.overrideProvider(o.provide as Type).useValue(o.useValue);
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  } else {
    app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, bufferLogs: true });
  }
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  startDefaultMetrics();
  app.use(httpMetricsMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: { 'img-src': ["'self'", 'data:'], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"] },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // gzip for JSON and the SPAs' assets: `npm start` serves everything from this one process
  // (no nginx in front), and an ECharts chunk or a day of signals shrinks 3-5x. Already-compressed
  // types (XLSX, images) are skipped by the content-type filter; nginx passes encoded bodies through.
  app.use(compression());
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  // Our own body parsers so their errors (malformed JSON, >1 MB) get the standard error shape.
  // WeChat Pay callbacks are verified over the exact bytes received: keep them raw (payments module).
  app.use('/api/v1/payments/wechat/notify', express.raw({ type: () => true, limit: '64kb' }));
  app.use('/api', express.json({ limit: '1mb' }), express.urlencoded({ extended: false, limit: '1mb' }), expressErrorHandler);
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  (app.getHttpAdapter().getInstance() as express.Express).get('/metrics', metricsHandler);

  const doc = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  if (opts.serveSpas !== false) serveSpas(app);
  app.enableShutdownHooks();
  return app;
}

/** Member SPA at `/`, admin SPA at `/admin/`, each with history-mode fallback to its index.html. */
function serveSpas(app: INestApplication) {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  const spa = (mount: string, dir: string) => {
    const index = path.join(dir, 'index.html');
    if (!existsSync(index)) return;
    const files = express.static(dir, { index: false, maxAge: '1h', setHeaders: immutableAssets });
    // API calls never name a file: skip the disk lookup the static handler would do for each.
    http.use(mount, (req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/') ? next() : files(req, res, next)));
    http.use(mount, (req: Request, res: Response, next: NextFunction) => {
      // Only asset-like paths skip the fallback: `/stocks/600000.SH` is a page, not a file.
      if (req.method !== 'GET' || req.path.startsWith('/api/') || req.path === '/metrics' || STATIC_EXT.test(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  };
  spa('/admin', path.join(repoRoot, 'frontend-admin/dist'));
  spa('/', path.join(repoRoot, 'frontend-user/dist'));
}

const STATIC_EXT = /\.(?:m?js|css|map|html?|json|txt|xml|webmanifest|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|otf|eot)$/i;

function immutableAssets(res: Response, file: string) {
  if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
