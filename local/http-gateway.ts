import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
/** Serves a request under a mount's prefix; `path` is the part after the prefix. */
export type MountHandler = (request: IncomingMessage, response: ServerResponse, path: string) => Promise<void> | void;

export interface Route {
  method: string;
  path: string;
  /** Invokes the route's function with an API Gateway event and gives its result. */
  invoke: (event: APIGatewayProxyEventV2) => Promise<unknown>;
}

/** API Gateway HTTP APIs refuse payloads over 10 MB; so does this gateway. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/(?:[\w.+-]+\+)?(?:json|xml)|application\/x-www-form-urlencoded)/i;

interface CompiledRoute extends Route {
  pattern: RegExp;
  params: string[];
}

function compile(route: Route): CompiledRoute {
  const params: string[] = [];
  const segments = route.path.split('/').map((segment) => {
    const param = /^\{(\w+)\}$/.exec(segment);
    if (param) {
      params.push(param[1]!);
      return '([^/]+)';
    }
    return segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
  });
  // As API Gateway does, a path with a trailing slash reaches the same route (GET /hsds/ is GET /hsds).
  return { ...route, pattern: new RegExp(`^${segments.join('/')}/?$`), params };
}

/**
 * The local stand-in for API Gateway (HTTP API, payload format 2.0): it turns each request into
 * the same event AWS would send, invokes the route's function and writes back its response.
 * Until the stack is ready it answers 503, so scripts can poll GET /health.
 */
export class HttpGateway {
  readonly #routes: CompiledRoute[];
  readonly #server: Server;
  #ready = false;
  readonly #mounts: { prefix: string; handle: MountHandler }[] = [];

  constructor(routes: Route[]) {
    // As API Gateway does: a literal path segment wins over a {parameter} in the same place.
    this.#routes = routes.map(compile).sort((a, b) => a.params.length - b.params.length);
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: Error) => {
        if (!response.headersSent) writeJson(response, 502, { message: 'Internal Server Error', detail: error.message });
        else response.destroy();
      });
    });
    this.#server.keepAliveTimeout = 5000;
  }

  /**
   * Lets the local runtime serve its own things beside the API under a path prefix: the dev IdP,
   * the web app, its status pages. API routes win over mounts; among mounts the longest prefix.
   */
  mount(prefix: string, handle: MountHandler): void {
    this.#mounts.push({ prefix: prefix.replace(/\/$/, ''), handle });
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        const address = this.#server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  markReady(): void {
    this.#ready = true;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!this.#ready) {
      writeJson(response, 503, { message: 'Service Unavailable', detail: 'The local stack is starting' });
      request.resume();
      return;
    }
    const method = request.method ?? 'GET';
    const route = this.#routes.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
    if (!route) {
      // The longest prefix wins: /_local/schedules before /_local before the web app at the root.
      const mount = this.#mounts
        .filter(({ prefix }) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`) || prefix === '')
        .sort((a, b) => b.prefix.length - a.prefix.length)[0];
      if (mount) return mount.handle(request, response, url.pathname.slice(mount.prefix.length) || '/');
      request.resume();
      writeJson(response, 404, { message: 'Not Found' });
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      writeJson(response, 413, { message: 'Request Entity Too Large' });
      return;
    }
    const match = route.pattern.exec(url.pathname)!;
    const pathParameters = Object.fromEntries(route.params.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
    const event = toEvent(request, url, route, pathParameters, body);
    let result: unknown;
    try {
      result = await route.invoke(event);
    } catch {
      // What API Gateway answers when the integration fails; the function's logs have the cause.
      writeJson(response, 500, { message: 'Internal Server Error' });
      return;
    }
    writeResult(response, result);
  }
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  pathParameters: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'cookie' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // As API Gateway adds it: how the client reached the API (links in answers use it).
  headers['x-forwarded-proto'] ??= 'http';
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  // The headers API Gateway adds: how the caller reached the API (a handler builds links with them).
  headers['x-forwarded-for'] ??= request.socket.remoteAddress ?? '127.0.0.1';
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(request.socket.localPort ?? '');
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(request.headers.cookie ? { cookies: request.headers.cookie.split(';').map((cookie) => cookie.trim()) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function writeResult(response: ServerResponse, result: unknown): void {
  // Payload format 2.0: a result without statusCode is a 200 JSON body.
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    writeJson(response, 200, result ?? null);
    return;
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  for (const [name, value] of Object.entries(structured.headers ?? {})) response.setHeader(name, String(value));
  if (structured.cookies?.length) response.setHeader('set-cookie', structured.cookies);
  response.statusCode = structured.statusCode ?? 200;
  const body = structured.body ?? '';
  response.end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

function writeJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
}
