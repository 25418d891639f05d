// Users-export jobs of the fake Auth0: POST /api/v2/jobs/users-exports starts one, GET /api/v2/jobs/{id} reports it
// (pending, processing, then completed after a configurable number of polls) and, once completed, a `location` URL
// signed for `linkTtlSeconds` (60, as Auth0 documents). The file is gzipped NDJSON, one user per line, with the
// requested fields under their `export_as` names. The download is served outside the Management API: it accepts no
// Authorization header (a signed URL carries its own), and an expired or altered link answers 403.
'use strict';

const { createHmac, randomBytes, timingSafeEqual } = require('node:crypto');
const { gzipSync } = require('node:zlib');

function valueAt(user, path) {
	return path.replace(/\[(\d+)\]/g, '.$1').split('.').reduce((v, key) => (v !== null && typeof v === 'object' ? v[key] : undefined), user);
}

/**
 * @param {{ state: any, tenant: string, baseUrl: () => string, pollsUntilDone?: number, linkTtlSeconds?: number }} options
 */
function createExports(options) {
	const signingKey = randomBytes(32);
	/** @type {Map<string, any>} */
	const jobs = new Map();
	/** @type {Array<{jobId: string, status: number}>} */
	const downloads = [];
	const sign = (path, expires) => createHmac('sha256', signingKey).update(`${path}\n${expires}`).digest('base64url');

	function start(body) {
		const format = body.format ?? 'csv';
		if (!['json', 'csv'].includes(format)) return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Payload validation error: format must be json or csv', errorCode: 'invalid_body' } };
		if (format !== 'json') return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'The fake exports format "json" only', errorCode: 'invalid_body' } };
		const fields = Array.isArray(body.fields) && body.fields.length > 0 ? body.fields : [{ name: 'user_id' }, { name: 'email' }, { name: 'name' }];
		const job = { type: 'users_export', status: 'pending', format, fields, id: `job_${randomBytes(8).toString('hex')}`, created_at: new Date().toISOString(), polls: 0, ...(body.limit ? { limit: body.limit } : {}), ...(body.connection_id ? { connection_id: body.connection_id } : {}) };
		// The export reads the directory as the job runs; the fake takes its snapshot when the job is created.
		const users = [...options.state.users.values()].filter((u) => !body.connection_id || u.identities?.[0]?.connection_id === body.connection_id).slice(0, body.limit ?? Infinity);
		job.file = gzipSync(users.map((u) => JSON.stringify(Object.fromEntries(fields.map((f) => [f.export_as ?? f.name, valueAt(u, f.name)]).filter(([, v]) => v !== undefined)))).join('\n') + '\n');
		jobs.set(job.id, job);
		return { status: 201, body: publicJob(job) };
	}

	function publicJob(job) {
		const { file, polls, ...rest } = job;
		return rest;
	}

	function poll(id) {
		const job = jobs.get(id);
		if (!job) return { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'The job does not exist.', errorCode: 'inexistent_job' } };
		job.polls++;
		const needed = options.pollsUntilDone ?? 2;
		if (job.polls >= needed) {
			job.status = 'completed';
			const path = `/user-exports/${job.id}/${options.tenant}.json.gz`;
			const expires = Math.floor(Date.now() / 1000) + (options.linkTtlSeconds ?? 60);
			const location = `${options.baseUrl()}${path}?Expires=${expires}&Key-Pair-Id=FAKEKEYPAIR&Signature=${sign(path, expires)}`;
			return { status: 200, body: { ...publicJob(job), location } };
		}
		job.status = job.polls === 0 ? 'pending' : 'processing';
		const percentage = Math.floor((job.polls / needed) * 100);
		return { status: 200, body: { ...publicJob(job), percentage_done: percentage, time_left_seconds: 0 } };
	}

	/** The signed download; returns null when the path is not an export file. */
	function download(url, headers) {
		const m = /^\/user-exports\/([^/]+)\/[^/]+\.json\.gz$/.exec(url.pathname);
		if (!m) return null;
		const deny = (status, message) => { downloads.push({ jobId: m[1], status }); return { status, contentType: 'application/xml', body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${status === 400 ? 'InvalidArgument' : 'AccessDenied'}</Code><Message>${message}</Message></Error>`) }; };
		if (headers.authorization) return deny(400, 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified');
		const expires = Number(url.searchParams.get('Expires'));
		const signature = String(url.searchParams.get('Signature') ?? '');
		const expected = sign(url.pathname, expires);
		if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return deny(403, 'Access denied');
		if (!(expires * 1000 > Date.now())) return deny(403, 'Request has expired');
		const job = jobs.get(m[1]);
		if (!job || job.status !== 'completed') return deny(403, 'Access denied');
		downloads.push({ jobId: job.id, status: 200 });
		return { status: 200, contentType: 'application/gzip', body: job.file };
	}

	return { jobs, downloads, start, poll, download };
}

module.exports = { createExports };
