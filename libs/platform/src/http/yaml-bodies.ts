import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { parse, YAMLParseError } from 'yaml';
import { ValidationError } from '@ledger/contracts';

/** Where the request's own Content-Type is kept once a YAML body was read as a document. */
export const BODY_FORMAT_HEADER = 'x-ledger-body-format';
const YAML_TYPES = /^(application|text)\/(x-)?yaml\s*(;|$)/i;
const MAX_BYTES = 1024 * 1024;

type Request = IncomingMessage & { body?: unknown; _body?: boolean };
type Next = (error?: unknown) => void;

async function readText(req: Request): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw new ValidationError(`request body: a YAML document is at most ${MAX_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Bodies under `route` may be written in YAML (Content-Type application/yaml), as teams keep
 * policies in config files: the document is read here, ahead of the platform's JSON-only gate,
 * and goes on as the body it denotes, validated by the same schema as JSON (the route can tell
 * by BODY_FORMAT_HEADER). A document that is not YAML is a 400 naming the line.
 */
export function acceptYamlBodies(app: NestExpressApplication, route: string): void {
  app.use(route, (req: Request, _res: unknown, next: Next) => {
    if (!YAML_TYPES.test(String(req.headers['content-type'] ?? ''))) return next();
    readText(req)
      .then((text) => {
        req.body = parse(text) ?? {};
        req._body = true; // the JSON parser leaves a body already read alone
        req.headers['content-type'] = 'application/json';
        req.headers[BODY_FORMAT_HEADER] = 'yaml';
        next();
      })
      .catch((error: unknown) =>
        next(
          error instanceof YAMLParseError
            ? new ValidationError(`request body: not a YAML document: ${error.message.split('\n')[0]}`)
            : error,
        ),
      );
  });
}
