import type { DenialRecorder } from '../auth/access/security-log';
import { Logger, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { declareSecuritySchemes, documentAuthentication, documentEveryAnswer, documentShedding } from './openapi';
import { allowedMethods } from './allowed-methods';
import { answerClientErrorsAsJson } from './client-errors';
import type { AddressInfo } from 'node:net';
import { ErrorDialect, HttpErrorFilter } from './error.filter';
import { DEFAULT_STATUSES, StatusTable } from './error-response';
import type { HttpRequest, Next } from './express-types';
import { httpMetricsMiddleware, ServiceMetrics } from './metrics';
import { OBSERVABILITY, ObservabilityOptions } from './observability.module';

export interface HttpBootstrapOptions {
  title: string;
  version: string;
  port: number;
  /** Defaults to the HOST env, else 0.0.0.0 (containers must be reachable from outside). */
  host?: string;
  description?: string;
  /** JSON body limit; larger bodies get 413 REQUEST_TOO_LARGE. */
  bodyLimit?: string;
  /**
   * Nest's SIGINT/SIGTERM hooks close the app and then re-raise the signal. A process that runs
   * several apps, or closes more than the app (bus, database), handles signals itself: pass false.
   */
  shutdownHooks?: boolean;
  /** Its writes may be shed under load: every POST/PUT/PATCH/DELETE documents 503 with Retry-After. */
  shedsWrites?: boolean;
  /** Defaults to the metrics of ObservabilityModule, when the app imports it. */
  metrics?: ServiceMetrics;
  /** Parts of the API that word errors their own way (see ErrorDialect). */
  errorDialects?: readonly ErrorDialect[];
  /** Overrides of the status each kind of refusal gets (DEFAULT_STATUSES). */
  statuses?: Partial<StatusTable>;
  /** Every route but the open ones needs credentials: the document says which and how (401). */
  authenticated?: boolean;
  /** Where 403s are recorded (the service's security log). */
  denials?: DenialRecorder;
}

/**
 * The HTTP plumbing every service shares: metrics middleware, JSON body limit, the one error
 * filter, OpenAPI at /docs and /docs-json. Call it before app.init(): the body parser has to
 * be registered before Nest adds its default one. Resolves to a URL a client on this machine can use.
 */
export async function bootstrapHttp(app: NestExpressApplication, options: HttpBootstrapOptions): Promise<string> {
  app.disable('x-powered-by');
  const metrics = options.metrics ?? observability(app)?.metrics;
  if (metrics) app.use(httpMetricsMiddleware(metrics));
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  app.useGlobalFilters(
    new HttpErrorFilter(options.errorDialects, { ...DEFAULT_STATUSES, ...options.statuses }, options.denials),
  );
  setUpOpenApi(app, options);
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  const host = options.host ?? process.env.HOST ?? '0.0.0.0';
  answerClientErrorsAsJson(app.getHttpServer());
  await app.listen(options.port, host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  new Logger('Http').log(`${options.title} listening on ${url} (OpenAPI at ${url}/docs)`);
  return url;
}

function setUpOpenApi(app: NestExpressApplication, options: HttpBootstrapOptions): void {
  const builder = new DocumentBuilder().setTitle(options.title).setVersion(options.version);
  if (options.description) builder.setDescription(options.description);
  if (options.authenticated) declareSecuritySchemes(builder);
  const document = SwaggerModule.createDocument(app, builder.build());
  documentEveryAnswer(document);
  if (options.shedsWrites) documentShedding(document);
  if (options.authenticated) documentAuthentication(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

// Without this, a body sent as text/plain or a form would reach handlers as "no body" and be
// validated (or worse, accepted) as an empty command. A method no route takes on a known path
// goes on to its 405 whatever its body.
function requireJsonBodies(req: HttpRequest, _res: unknown, next: Next): void {
  const allowed = allowedMethods((req as { app?: object }).app, req.path);
  if (allowed.length > 0 && !allowed.includes(req.method)) return next();
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  const type = String(req.headers['content-type'] ?? '');
  if (hasBody && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    next(
      new UnsupportedMediaTypeException(
        `request body must be JSON (Content-Type: application/json), got "${type || 'none'}"`,
      ),
    );
    return;
  }
  next();
}

function observability(app: NestExpressApplication): ObservabilityOptions | undefined {
  try {
    return app.get<ObservabilityOptions>(OBSERVABILITY, { strict: false });
  } catch {
    return undefined;
  }
}
