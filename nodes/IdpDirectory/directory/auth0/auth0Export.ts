import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';

import { AUTH0_CREDENTIAL, auth0ApiRequest } from '../../../IdpEventTrigger/providers/auth0/auth0.api';
import type { DirectoryProgress } from '../progress';
import type { DirectoryContext } from '../types';
import { ndjsonRecords } from './ndjson';

/**
 * The fields of the Management API's user object that the trigger's enrichment reads. JSON exports
 * take metadata objects whole; the connection is the first identity's.
 */
const EXPORT_FIELDS = [
	'user_id',
	'email',
	'email_verified',
	'username',
	'phone_number',
	'name',
	'given_name',
	'family_name',
	'nickname',
	'blocked',
	'created_at',
	'last_login',
	'user_metadata',
	'app_metadata',
].map((name) => ({ name }));
const CONNECTION_FIELD = { name: 'identities[0].connection', export_as: 'connection' };

const MIN_POLL_MS = 250;
const MAX_POLL_MS = 10_000;
const MAX_EXPORT_WAIT_MS = 30 * 60_000;

interface Auth0Job {
	id: string;
	status?: string;
	location?: string;
	percentage_done?: number;
	time_left_seconds?: number;
	status_details?: string;
}

/** An export record in the shape of the Management API's user object. */
function asManagementUser(record: Record<string, unknown>): Record<string, unknown> {
	const { connection, ...user } = record;
	return typeof connection === 'string' ? { ...user, identities: [{ connection }] } : user;
}

function pollDelayMs(job: Auth0Job, attempt: number): number {
	const hinted = typeof job.time_left_seconds === 'number' ? job.time_left_seconds * 1000 : undefined;
	const wait = hinted ?? MIN_POLL_MS * 2 ** attempt;
	return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, wait));
}

/**
 * Every user of the tenant through a users-export job: create it, poll it until it completes, then
 * download the gzipped NDJSON file from the signed location it names. The signed URL carries its own
 * authorization, so the download is sent without the Management API token.
 */
export async function exportAuth0Users(
	ctx: DirectoryContext,
	progress: DirectoryProgress,
): Promise<{ users: Array<Record<string, unknown>>; observedAt: string }> {
	const observedAt = new Date().toISOString();
	const { body: created } = await auth0ApiRequest<Auth0Job>(ctx, 'POST', '/api/v2/jobs/users-exports', {
		format: 'json',
		fields: [...EXPORT_FIELDS, CONNECTION_FIELD],
	});
	progress.info(`started users export job ${created.id}`);
	const completed = async (): Promise<Auth0Job> => {
		const started = Date.now();
		for (let attempt = 0; ; attempt++) {
			const { body: job } = await auth0ApiRequest<Auth0Job>(
				ctx,
				'GET',
				`/api/v2/jobs/${encodeURIComponent(created.id)}`,
			);
			if (job.status === 'completed' && job.location) return job;
			if (job.status === 'failed' || job.status === 'abandoned') {
				throw new NodeOperationError(ctx.getNode(), `The Auth0 users export job ${created.id} ${job.status}`, {
					description: job.status_details ?? 'Run the node again; if it keeps failing, check the job under User Management > Users > Import/Export Users in the Auth0 Dashboard',
				});
			}
			if (Date.now() - started > MAX_EXPORT_WAIT_MS) {
				throw new NodeOperationError(ctx.getNode(), `The Auth0 users export job ${created.id} did not finish in 30 minutes`, {
					description: 'Auth0 keeps the job for 24 hours: run the node again later',
				});
			}
			if (typeof job.percentage_done === 'number') progress.info(`users export ${job.percentage_done}% done`);
			await sleep(pollDelayMs(job, attempt));
		}
	};
	let job = await completed();
	let response = await download(ctx, job.location as string);
	// The link is valid for 60 seconds; the job hands out a fresh one for 24 hours.
	if (response.statusCode === 403) {
		job = await completed();
		response = await download(ctx, job.location as string);
	}
	if (response.statusCode >= 400) {
		throw new NodeApiError(ctx.getNode(), {} as JsonObject, {
			httpCode: String(response.statusCode),
			message: `Auth0: the users export file could not be downloaded (HTTP ${response.statusCode})`,
			description: 'Run the node again: the export job is kept for 24 hours',
		});
	}
	let records: Array<Record<string, unknown>>;
	try {
		records = await ndjsonRecords(new Uint8Array(response.body as Buffer));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), 'Auth0: the users export file is not NDJSON', {
			description: `Reading it failed with: ${(error as Error).message}`,
		});
	}
	progress.users(records.length);
	return { users: records.map(asManagementUser), observedAt };
}

async function download(ctx: DirectoryContext, location: string): Promise<IN8nHttpFullResponse> {
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, AUTH0_CREDENTIAL, {
		method: 'GET',
		url: location,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
}
