import { NotFoundException } from '@nestjs/common';

interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): unknown;
}

interface ExpressApp {
  router?: { stack: RouteLayer[] };
}

/** Nest's answer for a request no route took (as opposed to a 404 a route threw). */
export const isNoRoute = (error: unknown): boolean =>
  error instanceof NotFoundException && /^Cannot [A-Z]+ /.test(error.message);

/**
 * The methods the app's routes take on this path, as an Allow header lists them (HEAD wherever
 * GET is); empty when no route has the path. HTTP answers a known path with an undeclared method
 * 405 with Allow (RFC 9110 §15.5.6), not 404.
 */
export function allowedMethods(app: ExpressApp | undefined, path: string): string[] {
  const methods = new Set<string>();
  for (const layer of app?.router?.stack ?? []) {
    if (!layer.route || !layer.match(path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods))
      if (on && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
