import { INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { keepWebhookRawBody } from './billing/raw-body';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { correlationId } from './common/correlation.middleware';
import type { Runtime } from './common/runtime';
import { dataSourceOptions } from './database/data-source-options';

/** Applies every committed migration (synchronize is never used). */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Builds the HTTP application: global prefix, pipes, filter, security headers, OpenAPI, and the portal. */
export async function createHttpApp(runtime: Runtime): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(runtime), {
    logger: loggerLevels(runtime.config.logLevel),
    bufferLogs: false,
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  // The client IP (throttling, audit log) comes from X-Forwarded-For only through trusted proxies (TRUST_PROXY).
  app.set('trust proxy', runtime.config.trustProxy);
  app.use(correlationId);
  // JSON bodies up to 1 MB; larger ones get 413 with the stable error body (uploads use their own routes later).
  app.use(express.json({ limit: JSON_BODY_LIMIT, verify: keepWebhookRawBody }), express.urlencoded({ extended: false, limit: JSON_BODY_LIMIT }), bodyParserErrors);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      hsts: runtime.config.publicUrl.startsWith('https://'),
    }),
  );
  app.use(cookieParser());
  const openApi = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Lotline API').setVersion(runtime.version).build());
  SwaggerModule.setup('api/docs', app, openApi);
  servePortal(app, runtime.config.portalDir);
  return app;
}

export const JSON_BODY_LIMIT = '1mb';

/** Body-parser errors (too large, malformed JSON) answered like every other error: JSON with a stable code. */
function bodyParserErrors(err: unknown, req: express.Request, res: express.Response, next: express.NextFunction): void {
  const status = (err as { status?: number } | null)?.status;
  if (!status || status >= 500) return next(err);
  const correlation = (req as express.Request & { correlationId?: string }).correlationId ?? '';
  const message = status === 413 ? `The request body is larger than ${JSON_BODY_LIMIT}.` : 'The request body is not valid JSON.';
  res.status(status).json({ code: 'VALIDATION_FAILED', message, correlationId: correlation });
}

function servePortal(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Portal').warn(`No built portal at ${dir}; serving the API only (run "npm start" to build it)`);
    return;
  }
  app.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') }));
  // Client-side routes fall back to index.html; /api stays the API's (404s included).
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || req.path === '/api' || req.path.startsWith('/api/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function loggerLevels(level: Runtime['config']['logLevel']): ('error' | 'warn' | 'log' | 'debug')[] {
  const order = ['error', 'warn', 'log', 'debug'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}
