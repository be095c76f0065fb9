import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from './express-types';
import { toHttpError } from './error-response';

/**
 * The HTTP edge's single error mapping. Bugs are logged with their stack here and answered
 * with a generic 500: a stack trace or an SQL message never reaches a client. Outside HTTP
 * (a bus handler of a microservice that inherits the app's filters) it rethrows, so the
 * transport still sees the original error, e.g. a PermanentMessageError bound for the DLQ.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const { status, body, internal, headers } = toHttpError(exception);
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
