import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { HttpErrorFilter, HttpResponse, toHttpError } from '@ledger/platform';

/**
 * MLflow's error contract is exactly `{ error_code, message }`: the native `details` are left
 * out. Statuses are the shared mapping (RESOURCE_ALREADY_EXISTS 400, RESOURCE_DOES_NOT_EXIST
 * 404, INVALID_PARAMETER_VALUE 400); bugs still go through the shared filter (logged, generic 500).
 */
@Catch()
export class MlflowErrorFilter implements ExceptionFilter {
  private readonly shared = new HttpErrorFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body, internal, headers } = toHttpError(exception);
    const response = host.getType() === 'http' ? host.switchToHttp().getResponse<HttpResponse>() : undefined;
    if (internal || !response || response.headersSent) {
      this.shared.catch(exception, host);
      return;
    }
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    response.status(status).json({ error_code: body.error_code, message: body.message });
  }
}
