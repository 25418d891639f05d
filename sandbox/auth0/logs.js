// Tenant log entries in the shape Auth0 Log Streams deliver ({log_id, data}), and their delivery to HTTP
// log streams in JSONARRAY, JSONLINES or JSONOBJECT format with the stream's Authorization value.
'use strict';

let sequence = 0;

/** Auth0 log ids are 56 digits that sort by time. */
function logId(date) {
	sequence = (sequence + 1) % 1e9;
	const stamp = date.toISOString().replace(/\D/g, '').slice(0, 17);
	return `900${stamp}${String(sequence).padStart(36, '0')}`.slice(0, 56);
}

/**
 * @param {string} type Auth0 log type code (`sapi`, `ss`, `sdu`, `gd_unenroll`, `s`, …)
 * @param {Record<string, unknown>} fields other log fields (user_id, user_name, details, …)
 * @param {{tenant: string, date?: Date}} context
 */
function logEntry(type, fields, context) {
	const date = context.date ?? new Date();
	const id = logId(date);
	return {
		log_id: id,
		data: { date: date.toISOString(), type, ...fields, tenant_name: context.tenant, log_id: id },
	};
}

/**
 * A `sapi` log for a successful Management API write, as Auth0 records it: lower-case method, the request
 * path with URL-encoded ids, the body, and the response.
 */
function sapiEntry(request, response, context) {
	return logEntry(
		'sapi',
		{
			description: request.description,
			client_id: context.clientId,
			client_name: context.clientName,
			ip: '127.0.0.1',
			user_agent: request.userAgent ?? 'fake-auth0-client',
			user_id: '',
			details: {
				request: {
					method: request.method.toLowerCase(),
					path: request.path,
					query: {},
					body: request.body ?? {},
					channel: 'api',
					ip: '127.0.0.1',
					userAgent: request.userAgent ?? 'fake-auth0-client',
					auth: { user: {}, strategy: 'jwt', credentials: { jti: 'fake-jti' } },
				},
				response: { statusCode: response.statusCode, body: response.body ?? {} },
			},
		},
		context,
	);
}

/** @param {'JSONARRAY'|'JSONLINES'|'JSONOBJECT'} format */
function formatBatch(entries, format) {
	if (format === 'JSONLINES') return entries.map((entry) => JSON.stringify(entry)).join('\n');
	if (format === 'JSONOBJECT') return JSON.stringify(entries[0]);
	return JSON.stringify(entries);
}

/**
 * POSTs log entries to an HTTP log stream like Auth0: Content-Type from the sink, Authorization verbatim,
 * up to 3 attempts while the endpoint fails with a network error or 5xx.
 * @returns {Promise<{status: number, body: string, attempts: number}>}
 */
async function postToStream(stream, entries, format) {
	const sink = stream.sink;
	const headers = { 'Content-Type': sink.httpContentType || 'application/json' };
	if (sink.httpAuthorization) headers.Authorization = sink.httpAuthorization;
	for (const h of sink.httpCustomHeaders || []) headers[h.header] = h.value;
	const batches = (format ?? sink.httpContentFormat) === 'JSONOBJECT' ? entries.map((e) => [e]) : [entries];
	let last = { status: 0, body: '', attempts: 0 };
	for (const batch of batches) {
		let attempts = 0;
		let reply;
		do {
			attempts++;
			try {
				const response = await fetch(sink.httpEndpoint, {
					method: 'POST',
					headers,
					body: formatBatch(batch, format ?? sink.httpContentFormat),
					signal: AbortSignal.timeout(10000),
				});
				reply = { status: response.status, body: await response.text() };
			} catch (error) {
				reply = { status: 0, body: String(error?.message || error) };
			}
		} while (attempts < 3 && (reply.status === 0 || reply.status >= 500));
		last = { ...reply, attempts };
	}
	return last;
}

module.exports = { logEntry, sapiEntry, postToStream, formatBatch };
