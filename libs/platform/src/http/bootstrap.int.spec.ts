import { Body, Controller, Get, Logger, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect } from 'node:net';
import { UnavailableError } from '@ledger/contracts';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrapHttp } from './bootstrap';
import { createServiceMetrics, includeProcessMetrics, ServiceMetrics } from './metrics';
import { HealthCheck, ObservabilityModule } from './observability.module';

@Controller('things')
class ThingsController {
  @Get('boom')
  boom(): never {
    throw new Error('secret connection string postgres://u:p@db');
  }

  @Get('busy')
  busy(): never {
    throw new UnavailableError('too busy: try again', 3);
  }

  @Post()
  echo(@Body() body: unknown): unknown {
    return body;
  }
}

async function start(service: string, metrics: ServiceMetrics, checks: Record<string, HealthCheck>) {
  @Module({
    imports: [ObservabilityModule.forRoot({ service, metrics, checks, checkTimeoutMs: 200 })],
    controllers: [ThingsController],
  })
  class AppModule {}
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: false, abortOnError: false });
  const url = await bootstrapHttp(app, {
    title: service,
    version: '1',
    port: 0,
    host: '127.0.0.1',
    shutdownHooks: false,
  });
  return { app, url };
}

describe('shared HTTP plumbing', () => {
  const a = createServiceMetrics('alpha');
  const b = createServiceMetrics('beta', { processMetrics: false });
  let alpha: Awaited<ReturnType<typeof start>>;
  let beta: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    alpha = await start('alpha', a, { database: async () => 1 });
    beta = await start('beta', b, {
      database: () => new Promise(() => undefined),
      cache: async () => Promise.reject(new Error('refused')),
    });
  });
  afterAll(async () => {
    await alpha.app.close();
    await beta.app.close();
  });

  it('runs several services in one process, each with its own metrics registry', async () => {
    await fetch(`${alpha.url}/health`);
    const alphaMetrics = await (await fetch(`${alpha.url}/metrics`)).text();
    const betaMetrics = await (await fetch(`${beta.url}/metrics`)).text();
    expect(alphaMetrics).toContain(
      'http_request_duration_seconds_count{service="alpha",method="GET",route="/health",status="200"} 1',
    );
    expect(betaMetrics).not.toContain('service="alpha"');
    expect(alphaMetrics).toContain('process_cpu_user_seconds_total');
    expect(betaMetrics).not.toContain('process_cpu_user_seconds_total');
    expect(() => includeProcessMetrics(a.registry)).not.toThrow();
  });

  it('answers a known path asked with a method it does not take 405 with Allow, and an unknown path 404', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH', 'OPTIONS']) {
      const response = await fetch(`${alpha.url}/things/busy`, { method });
      expect({ method, status: response.status, allow: response.headers.get('allow') }).toEqual({
        method,
        status: 405,
        allow: 'GET, HEAD',
      });
      expect(await response.json()).toMatchObject({
        error_code: 'METHOD_NOT_ALLOWED',
        message: expect.stringMatching(/GET, HEAD/),
      });
    }
    expect((await fetch(`${alpha.url}/things`, { method: 'GET' })).headers.get('allow')).toBe('POST');
    expect((await fetch(`${alpha.url}/nothing-here`, { method: 'DELETE' })).status).toBe(404);
  });

  it('sheds load with 503 TEMPORARILY_UNAVAILABLE and a Retry-After header', async () => {
    const response = await fetch(`${alpha.url}/things/busy`);
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '3']);
    expect(await response.json()).toMatchObject({
      error_code: 'TEMPORARILY_UNAVAILABLE',
      message: 'too busy: try again',
    });
  });

  it('answers 503 when a check fails or hangs past its timeout', async () => {
    const response = await fetch(`${beta.url}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'error',
      service: 'beta',
      checks: { database: 'down', cache: 'down' },
    });
  });

  it('hides an unexpected error behind a generic 500 and logs it with its stack', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const response = await fetch(`${alpha.url}/things/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error_code: 'INTERNAL_ERROR', message: expect.any(String) });
    expect(text).not.toMatch(/secret|postgres:|at /);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/GET \/things\/boom failed: Error: secret[\s\S]*at /));
    logged.mockRestore();
  });

  it('accepts JSON bodies above the framework default of 100kb, up to 1mb', async () => {
    const body = JSON.stringify({ blob: 'x'.repeat(500_000) });
    const response = await fetch(`${alpha.url}/things`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(201);
    const tooLarge = await fetch(`${alpha.url}/things`, {
      method: 'POST',
      body: body.repeat(3),
      headers: { 'content-type': 'application/json' },
    });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error_code: string }).error_code).toBe('REQUEST_TOO_LARGE');
  });
  it('answers what Node refuses before any route (a request line over 16 KB, malformed HTTP) with the JSON error body', async () => {
    const long = await fetch(`${alpha.url}/things/boom?description=${'%C2%85'.repeat(3_000)}`);
    expect(long.status).toBe(431);
    expect(long.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await long.json()).toEqual({
      error_code: 'REQUEST_TOO_LARGE',
      message: expect.stringMatching(/exceed 16 KB/),
    });

    const { port } = new URL(alpha.url);
    const raw = await new Promise<string>((answered, failed) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GARBAGE / NOT-HTTP\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += String(chunk)));
      socket.on('end', () => answered(text));
      socket.on('error', failed);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'malformed HTTP request',
    });
  });
});
