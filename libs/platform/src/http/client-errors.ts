import { STATUS_CODES } from 'node:http';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Node's parser refuses a request line plus headers over this many bytes (its default). */
export const MAX_HEADER_BYTES = 16 * 1024;

const ANSWERS: Record<string, { status: number; error_code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    error_code: 'REQUEST_TOO_LARGE',
    message: `the request line and headers exceed ${MAX_HEADER_BYTES / 1024} KB (a long query string, percent-encoded?): send less`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    error_code: 'REQUEST_TIMEOUT',
    message: 'the request did not arrive in time',
  },
};
const MALFORMED = { status: 400, error_code: 'INVALID_PARAMETER_VALUE', message: 'malformed HTTP request' };

/**
 * Requests Node's HTTP parser refuses before any route sees them (a request line and headers too
 * large, malformed HTTP, a timeout) get the platform's JSON error body too, not Node's bare
 * status line: every refusal a client meets reads `{ error_code, message }`.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const { status, ...body } = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const json = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  });
}
