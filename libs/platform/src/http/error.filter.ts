import type { DenialRecorder } from '../auth/access/security-log';
import { principalOf } from '../auth/principal';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from './express-types';
import { DEFAULT_STATUSES, HttpError, StatusTable, toHttpError } from './error-response';
import { allowedMethods, isNoRoute } from './allowed-methods';

/**
 * How one part of the API words its errors (e.g. MLflow's routes: exactly `{ error_code,
 * message }`), chosen by path prefix so it also covers errors raised before routing (body
 * parsing, the JSON gate). It reshapes the caller's errors only; bugs stay generic 500s.
 */
export interface ErrorDialect {
  pathPrefixes: readonly string[];
  /** Statuses this part of the API answers differently from the service's table. */
  statuses?: Partial<StatusTable>;
  reshape(error: HttpError): HttpError;
}

/**
 * The HTTP edge's single error mapping. Bugs are logged with their stack here and answered
 * with a generic 500: a stack trace or an SQL message never reaches a client. Outside HTTP
 * (a bus handler of a microservice that inherits the app's filters) it rethrows, so the
 * transport still sees the original error, e.g. a PermanentMessageError bound for the DLQ.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(
    private readonly dialects: readonly ErrorDialect[] = [],
    private readonly statuses: StatusTable = DEFAULT_STATUSES,
    private readonly denials?: DenialRecorder,
  ) {}

  /** A refusal is kept in the security log (not awaited: the log never delays or changes the answer). */
  private recordDenial(request: Request, message: string): void {
    const principal = principalOf(request);
    void this.denials?.({
      at: new Date(),
      channel: 'http',
      principal: principal?.name ?? 'anonymous',
      action: `${request.method} ${request.originalUrl}`,
      reason: message,
    });
  }

  /** A path some route takes, asked with a method none declares: 405 with the methods it takes. */
  private methodNotAllowed(exception: unknown, request: Request): HttpError | undefined {
    if (!isNoRoute(exception)) return undefined;
    const allowed = allowedMethods((request as { app?: object }).app, request.path);
    if (allowed.length === 0) return undefined;
    const message = `${request.method} is not allowed on ${request.path}; it takes ${allowed.join(', ')}`;
    return {
      status: 405,
      body: { error_code: 'METHOD_NOT_ALLOWED', message },
      internal: false,
      headers: { Allow: allowed.join(', ') },
    };
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const dialect = this.dialects.find((d) => d.pathPrefixes.some((prefix) => request.path.startsWith(prefix)));
    const mapped =
      this.methodNotAllowed(exception, request) ?? toHttpError(exception, { ...this.statuses, ...dialect?.statuses });
    const { status, body, internal, headers } = dialect && !mapped.internal ? dialect.reshape(mapped) : mapped;
    if (status === 403) this.recordDenial(request, String(body.message));
    if (internal) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`${request.method} ${request.originalUrl} failed: ${stack}`);
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    response.status(status).json(body);
  }
}
