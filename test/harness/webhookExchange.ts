import {
	Agent,
	STATUS_CODES,
	createServer,
	request as httpRequest,
	type IncomingMessage,
	type ServerResponse,
} from 'node:http';

import { jsonParse, type IWebhookFunctions } from 'n8n-workflow';

import { parseIncomingMessage } from './n8nContainer';

export type Request = ReturnType<IWebhookFunctions['getRequestObject']>;
export type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

export interface WebhookRequest {
	method: string;
	headers: Record<string, string>;
	body?: string | Buffer;
	query?: Record<string, string>;
}

export interface WebhookReply {
	status: number;
	headers: Record<string, string>;
	body: string;
}

const SHORT_TYPES: Record<string, string> = {
	json: 'application/json',
	text: 'text/plain',
	html: 'text/html',
	xml: 'application/xml',
	bin: 'application/octet-stream',
};

function withCharset(contentType: string): string {
	if (/;\s*charset=/i.test(contentType)) return contentType;
	const base = contentType.split(';')[0].trim().toLowerCase();
	const isText =
		base.startsWith('text/') || base === 'application/json' || base === 'application/javascript';
	return isText ? `${contentType}; charset=utf-8` : contentType;
}

/** The parts of express's response API that n8n nodes use, on a plain node ServerResponse. */
function asExpressResponse(res: ServerResponse): Response {
	const express = res as unknown as Response & Record<string, unknown>;
	const set = (field: string | Record<string, string>, value?: string | string[]): Response => {
		if (typeof field === 'object') {
			for (const [name, fieldValue] of Object.entries(field)) set(name, fieldValue);
			return express;
		}
		const isContentType = field.toLowerCase() === 'content-type';
		res.setHeader(field, isContentType ? withCharset(String(value)) : (value ?? ''));
		return express;
	};
	const send = (body?: unknown): Response => {
		if (body === undefined || body === null) {
			res.end();
		} else if (typeof body === 'string') {
			if (!res.hasHeader('content-type')) set('Content-Type', 'text/html');
			res.setHeader('Content-Length', Buffer.byteLength(body));
			res.end(body);
		} else if (Buffer.isBuffer(body)) {
			if (!res.hasHeader('content-type')) set('Content-Type', 'application/octet-stream');
			res.setHeader('Content-Length', body.length);
			res.end(body);
		} else {
			return json(body);
		}
		return express;
	};
	const json = (body: unknown): Response => {
		if (!res.hasHeader('content-type')) set('Content-Type', 'application/json');
		return send(JSON.stringify(body));
	};
	Object.assign(express, {
		status: (code: number) => {
			res.statusCode = code;
			return express;
		},
		set,
		header: set,
		get: (field: string) => res.getHeader(field),
		type: (type: string) =>
			set('Content-Type', type.includes('/') ? type : (SHORT_TYPES[type] ?? type)),
		send,
		json,
		sendStatus: (code: number) => {
			res.statusCode = code;
			return set('Content-Type', 'text/plain').send(STATUS_CODES[code] ?? String(code));
		},
	});
	return express;
}

/**
 * n8n's webhook request preparation: the raw body is read first (`rawBody`), then JSON,
 * URL-encoded and plain-text bodies are parsed into `body`; any other content type leaves
 * `body` unset, as express 5 does.
 */
function asExpressRequest(req: IncomingMessage, rawBody: Buffer): Request {
	const message = req as IncomingMessage & Record<string, unknown>;
	parseIncomingMessage(message);
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	const { contentType, encoding } = message as { contentType?: string; encoding?: BufferEncoding };
	const text = () => rawBody.toString(encoding).replace(/^\uFEFF/, '');
	let body: unknown;
	if (rawBody.length > 0) {
		if (contentType === 'application/json') body = jsonParse(text());
		else if (contentType === 'application/x-www-form-urlencoded') {
			body = Object.fromEntries(new URLSearchParams(text()));
		} else if (contentType === 'text/plain') body = text();
	}
	Object.assign(message, {
		rawBody,
		readRawBody: async () => {},
		body,
		query,
		params: {},
		path: url.pathname,
		originalUrl: req.url,
		get: (name: string) => req.headers[name.toLowerCase()],
		header: (name: string) => req.headers[name.toLowerCase()],
	});
	return message as unknown as Request;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

type Exchange = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * One loopback server per test process, listening until the process ends (unref'd, so it keeps
 * nothing alive); each exchange gets its own path prefix, removed before the handler sees the
 * request. Connections are kept alive between exchanges, as n8n's clients would.
 */
let loopback: Promise<{ port: number; exchanges: Map<string, Exchange> }> | undefined;
const keepAlive = new Agent({ keepAlive: true });
let exchangeCount = 0;

async function sharedLoopback() {
	loopback ??= (async () => {
		const exchanges = new Map<string, Exchange>();
		const server = createServer((req, res) => {
			const match = /^\/exchange-(\d+)(\/.*)$/.exec(req.url ?? '');
			const exchange = match ? exchanges.get(match[1]) : undefined;
			if (!match || !exchange) {
				res.statusCode = 404;
				res.end();
				return;
			}
			req.url = match[2];
			exchange(req, res);
		});
		server.keepAliveTimeout = 1000;
		server.unref();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return { port: (server.address() as { port: number }).port, exchanges };
	})();
	return await loopback;
}

/**
 * Sends one real HTTP request to a loopback server and lets `handle` answer it with express-style
 * request and response objects. Resolves with what the client received and with whatever `handle`
 * threw (the client then sees a 500, as n8n answers a failing webhook).
 */
export async function exchangeOverLoopback(
	request: WebhookRequest,
	handle: (req: Request, res: Response) => Promise<void>,
): Promise<{ reply: WebhookReply; error?: unknown }> {
	let failure: unknown;
	let handled: Promise<void> = Promise.resolve();
	const { port, exchanges } = await sharedLoopback();
	const id = String(++exchangeCount);
	exchanges.set(id, (req, res) => {
		handled = (async () => {
			const expressRes = asExpressResponse(res);
			let parsed: Request;
			try {
				parsed = asExpressRequest(req, await readBody(req));
			} catch (error) {
				// n8n's body parser refuses unparsable JSON with 422 before any node runs
				expressRes.status(422).json({ code: 422, message: 'Failed to parse request body', hint: (error as Error).message });
				return;
			}
			try {
				await handle(parsed, expressRes);
			} catch (error) {
				failure = error;
				if (!res.headersSent) expressRes.status(500).json({ message: 'Error in workflow' });
				else res.end();
			}
		})();
	});
	try {
		const search = new URLSearchParams(request.query ?? {}).toString();
		const reply = await send(port, `/exchange-${id}/webhook${search ? `?${search}` : ''}`, request);
		// a node may answer first and keep working (e.g. acknowledge, then enrich): wait for it to return
		await handled;
		return { reply, error: failure };
	} finally {
		exchanges.delete(id);
	}
}

async function send(port: number, path: string, request: WebhookRequest): Promise<WebhookReply> {
	const body = request.body === undefined ? undefined : Buffer.from(request.body);
	return await new Promise<WebhookReply>((resolve, reject) => {
		const outgoing = httpRequest(
			{
				host: '127.0.0.1',
				port,
				path,
				method: request.method.toUpperCase(),
				headers: {
					...request.headers,
					...(body ? { 'content-length': String(body.length) } : {}),
				},
				agent: keepAlive,
			},
			(incoming) => {
				readBody(incoming).then((received) => {
					const headers: Record<string, string> = {};
					for (const [name, value] of Object.entries(incoming.headers)) {
						if (value !== undefined)
							headers[name] = Array.isArray(value) ? value.join(', ') : value;
					}
					resolve({ status: incoming.statusCode ?? 0, headers, body: received.toString('utf8') });
				}, reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}
