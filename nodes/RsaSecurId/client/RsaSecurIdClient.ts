import { mapWithConcurrency } from '../../shared/http/concurrency';
import { pathSegment } from '../../shared/http/pathSegment';
import type { RetryPolicy } from '../../shared/http/retryPolicy';
import { removedOutcome, type Removed } from '../../shared/http/writeOutcome';
import {
	rsaRequest,
	rsaSearchAllUsers,
	type RsaContext,
	type RsaRequest,
	type RsaResult,
} from '../transport/request';
import type { RsaDevice, RsaUser, RsaUserStatus } from './rsaObjects';

export type { Removed } from '../../shared/http/writeOutcome';

export interface RsaClientOptions {
	retry?: RetryPolicy;
	/** Lookups in flight at once; RSA looks up one user per request. */
	concurrency?: number;
}

/**
 * The user list inside an Authenticator Details answer. [unverified] whether RSA returns the
 * array itself or an object holding it under `devices`; both are read.
 */
function deviceList(body: unknown): RsaDevice[] {
	if (Array.isArray(body)) return body as RsaDevice[];
	const devices = (body as { devices?: unknown } | undefined)?.devices;
	return Array.isArray(devices) ? (devices as RsaDevice[]) : [];
}

/**
 * RSA SecurID Cloud Authentication Service operations for one execution, signed with the legacy
 * Administration API key of the `rsaSecurIdApi` credential.
 *
 * What this API does not offer: creating users or changing their profile (both come from the
 * identity source), looking users up by username (lookup takes an email), groups (the Local Groups
 * API accepts only OAuth API clients, not legacy keys), and a call that removes all of a user's
 * authenticators.
 */
export class RsaSecurIdClient {
	private readonly retry?: RetryPolicy;

	private readonly concurrency: number;

	constructor(
		private readonly ctx: RsaContext,
		options: RsaClientOptions = {},
	) {
		this.retry = options.retry;
		this.concurrency = Math.max(1, options.concurrency ?? 4);
	}

	private id(value: string): string {
		return pathSegment(this.ctx.getNode(), value);
	}

	private async send<T>(request: RsaRequest): Promise<RsaResult<T> | undefined> {
		return await rsaRequest<T>(this.ctx, { retry: this.retry, ...request });
	}

	/** The user with this email (User Details API); undefined when RSA has none. */
	async lookupUser(
		email: string,
		options: { searchUnsynched?: boolean } = {},
	): Promise<RsaUser | undefined> {
		const result = await this.send<RsaUser>({
			method: 'POST',
			path: '/v1/users/lookup',
			body: { email, searchUnsynched: options.searchUnsynched === true },
			intent: 'read',
			allowNotFound: true,
		});
		return result?.body;
	}

	/** Users by email, one lookup each (RSA has no batch lookup); keyed by lower-cased email. */
	async lookupUsers(emails: readonly string[]): Promise<Map<string, RsaUser>> {
		const unique = [...new Set(emails.filter(Boolean).map((email) => email.toLowerCase()))];
		const users = await mapWithConcurrency(
			unique,
			this.concurrency,
			async (email) => await this.lookupUser(email),
		);
		const found = new Map<string, RsaUser>();
		unique.forEach((email, index) => {
			const user = users[index];
			if (user) found.set(email, user);
		});
		return found;
	}

	/** Users whose email contains `emailLike` (no wildcards), sorted by email, 25 per request. */
	async searchUsers(
		emailLike: string,
		options: { maxItems?: number; pageSize?: number; onPage?: (read: number) => void } = {},
	): Promise<RsaUser[]> {
		return await rsaSearchAllUsers<RsaUser>(this.ctx, emailLike, { ...options, retry: this.retry });
	}

	/** Enables or disables the user (User Status API); returns the status RSA reports. */
	async setUserStatus(userId: string, userStatus: RsaUserStatus): Promise<RsaUserStatus> {
		const result = (await this.send<{ id: string; userStatus: RsaUserStatus }>({
			method: 'PUT',
			path: `/v1/users/${this.id(userId)}/userStatus`,
			body: { userStatus },
		})) as RsaResult<{ id: string; userStatus: RsaUserStatus }>;
		return result.body.userStatus;
	}

	/**
	 * Marks a disabled user as pending deletion (purged with its devices after 7 days), or takes
	 * the mark back. RSA answers 409 when the user is not in the state this needs.
	 */
	async markUserDeleted(userId: string, markDeleted: boolean): Promise<void> {
		await this.send({
			method: 'PUT',
			path: `/v1/users/${this.id(userId)}/markDeleted`,
			body: { markDeleted },
		});
	}

	/** Deletes a disabled user at once, with its devices (Super Admin keys only). */
	async deleteUserNow(userId: string): Promise<Removed> {
		return removedOutcome(
			await this.send({
				method: 'DELETE',
				path: `/v1/users/${this.id(userId)}`,
				allowNotFound: true,
			}),
		);
	}

	/**
	 * The user's authenticators (Authenticator Details API version 2, which includes SecurID 700
	 * and DS100 tokens); browsers only when asked.
	 */
	async listDevices(
		userId: string,
		options: { includeBrowsers?: boolean } = {},
	): Promise<RsaDevice[]> {
		const result = (await this.send<unknown>({
			method: 'GET',
			path: `/v2/users/${this.id(userId)}/devices`,
			qs: { includeBrowsers: options.includeBrowsers === true },
		})) as RsaResult<unknown>;
		return deviceList(result.body);
	}

	/** Deletes one device; RSA deletes one per request. */
	async deleteDevice(userId: string, deviceId: string): Promise<Removed> {
		return removedOutcome(
			await this.send({
				method: 'DELETE',
				path: `/v1/users/${this.id(userId)}/devices/${this.id(deviceId)}`,
				allowNotFound: true,
			}),
		);
	}

	/**
	 * Takes a SecurID 700 hardware token away from the user (Unassign Hardware Token API); the
	 * token record stays, to be assigned again. `found` is false when RSA answers 404.
	 */
	async unassignHardwareToken(userId: string, tokenSerialNumber: string): Promise<Removed> {
		return removedOutcome(
			await this.send({
				method: 'PATCH',
				path: `/v1/users/${this.id(userId)}/sidTokens/unassign`,
				body: { tokenSerialNumber },
				intent: 'delete',
				allowNotFound: true,
			}),
		);
	}

	/** The user with this email and its devices; undefined when RSA has no such user. */
	async getUserDetails(
		email: string,
	): Promise<{ user: RsaUser; devices: RsaDevice[] } | undefined> {
		const user = await this.lookupUser(email);
		if (!user) return undefined;
		return { user, devices: await this.listDevices(user.id) };
	}
}
