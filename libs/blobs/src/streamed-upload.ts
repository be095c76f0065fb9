import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { httpMetricsMiddleware, ServiceMetrics } from '@ledger/platform';

export type UploadRequest = IncomingMessage & { params: Record<string, string>; query: Record<string, unknown> };
type Response = ServerResponse & { status(code: number): Response; json(body: unknown): void };
type Next = (error?: unknown) => void;

export interface StreamedUpload {
  method: 'put' | 'post';
  /** An Express path, e.g. /api/v1/datasets/:name/versions. */
  path: string;
  /** Reads the request body as a stream (to a BlobStore.put) and answers a JSON status and body. */
  handle(req: UploadRequest): Promise<{ status: number; body: unknown }>;
  /** The handler's refusals in terms of the platform's HTTP error mapping (e.g. BlobTooLargeError → 413). */
  toEdgeError(error: unknown): unknown;
}

/**
 * Serves an upload as a plain Express route, registered before the platform's JSON-only gate and
 * body parsers (call it from ServiceDefinition.http.prepare), so the raw request stream reaches
 * the store untouched and unbuffered. Errors go to next(), where the one HTTP error filter maps them.
 */
export function mountStreamedUpload(
  app: NestExpressApplication,
  metrics: ServiceMetrics,
  upload: StreamedUpload,
): void {
  const express = app.getHttpAdapter().getInstance() as Record<StreamedUpload['method'], (...args: unknown[]) => void>;
  express[upload.method](
    upload.path,
    httpMetricsMiddleware(metrics),
    async (req: UploadRequest, res: Response, next: Next) => {
      try {
        const answer = await upload.handle(req);
        res.status(answer.status).json(answer.body);
      } catch (error) {
        if (!req.complete) {
          // Refused before the body was read (404, 413, …): answer, discard what is still in flight,
          // then close, rather than leave unread bytes on a keep-alive connection.
          res.setHeader('Connection', 'close');
          req.resume();
        }
        next(upload.toEdgeError(error));
      }
    },
  );
}
