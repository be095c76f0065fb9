import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ValidationError } from '@ledger/contracts';

type Request = IncomingMessage & { body?: unknown; _body?: boolean };
type Next = (error?: unknown) => void;

export const INFERENCE_PATHS = ['/v2/models', '/v1/models'];

async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped, so the answer leaves the connection usable.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  if (size > maxBytes) throw new ValidationError(`request body is larger than the limit of ${maxBytes} bytes`);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`malformed request: the body is not JSON (${(error as Error).message})`);
  }
}

/**
 * Inference bodies are read as JSON here, whatever their Content-Type, ahead of the platform's
 * JSON-only gate: stock OIP clients and `curl -d` send JSON without application/json, and a batch
 * of rows may be larger than a command. Triton's binary tensor extension (Inference-Header-Content-Length) is refused
 * with a 400 that says how to send JSON instead. Call it from the service's `http.prepare`.
 */
export function acceptInferenceBodies(app: NestExpressApplication, maxBodyBytes: number): void {
  app.use(INFERENCE_PATHS, (req: Request, _res: unknown, next: Next) => {
    if (req.method !== 'POST') return next();
    if (req.headers['inference-header-content-length'] !== undefined)
      return next(
        new ValidationError(
          'binary tensor data (Inference-Header-Content-Length) is not supported: send the tensors as JSON (binary_data=False)',
        ),
      );
    readJson(req, maxBodyBytes)
      .then((body) => {
        req.body = body;
        req._body = true; // the platform's JSON parser leaves a body already read alone
        req.headers['content-type'] = 'application/json';
        next();
      })
      .catch(next);
  });
}
