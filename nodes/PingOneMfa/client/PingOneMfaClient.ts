import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/http/concurrency';
import { pathSegment } from '../../shared/http/pathSegment';
import type { Replayed } from '../../shared/http/resilientRequest';
import type { RetryPolicy } from '../../shared/http/retryPolicy';
import { removedOutcome, type Created, type Removed } from '../../shared/http/writeOutcome';
import { isPingOneAlreadyExists } from '../transport/errors';
import {
	pingOneRequest,
	pingOneRequestAllItems,
	type PingOneContext,
	type PingOneRequest,
	type PingOneResult,
} from '../transport/request';
import type {
	PingOneDevice,
	PingOneDeviceInput,
	PingOneGroup,
	PingOneGroupMembership,
	PingOneUser,
	PingOneUserInput,
} from './pingOneObjects';
import { anyCriterion, criteriaBatches, filterValue, type Criterion } from './scimFilter';

export interface PingOneClientOptions {
	retry?: RetryPolicy;
	/**
	 * How many values one OR-ed lookup filter holds, and how long its text may get. PingOne's
	 * limit on URL length is not documented; 100 terms and 4000 characters stay well inside 8 KB.
	 */
	lookupBatch?: { maxTerms: number; maxFilterLength: number };
	/** Lookup requests in flight at once. */
	concurrency?: number;
}

export type { Created, Removed } from '../../shared/http/writeOutcome';

const USERS_PAGE = 1000;
const PAGE = 100;
const DEFAULT_BATCH = { maxTerms: 100, maxFilterLength: 4000 };

/**
 * PingOne Platform and MFA operations for one execution, on the worker-app token of the
 * `pingOneMfaApi` credential. Paths are relative to `/v1/environments/{envId}`.
 */
export class PingOneMfaClient {
	private readonly retry?: RetryPolicy;

	private readonly batch: { maxTerms: number; maxFilterLength: number };

	private readonly concurrency: number;

	constructor(
		private readonly ctx: PingOneContext,
		options: PingOneClientOptions = {},
	) {
		this.retry = options.retry;
		this.batch = options.lookupBatch ?? DEFAULT_BATCH;
		this.concurrency = Math.max(1, options.concurrency ?? 4);
	}

	private id(value: string): string {
		return pathSegment(this.ctx.getNode(), value);
	}

	private async send<T>(request: PingOneRequest): Promise<PingOneResult<T> | undefined> {
		return await pingOneRequest<T>(this.ctx, { retry: this.retry, ...request });
	}

	private async all<T>(path: string, embedded: string, qs = {}, pageSize = PAGE): Promise<T[]> {
		return await pingOneRequestAllItems<T>(this.ctx, path, embedded, {
			qs,
			pageSize,
			retry: this.retry,
		});
	}

	/**
	 * Every user any criterion matches, one OR-ed filter per batch (batches in parallel). A user
	 * several criteria match comes back once.
	 */
	async findUsersWhere(criteria: readonly Criterion[]): Promise<PingOneUser[]> {
		const batches = criteriaBatches(criteria, this.batch);
		const pages = await mapWithConcurrency(
			batches,
			this.concurrency,
			async (batch) =>
				await this.all<PingOneUser>(
					'/users',
					'users',
					{ filter: anyCriterion(batch) },
					Math.min(USERS_PAGE, Math.max(batch.length, 1)),
				),
		);
		const byId = new Map<string, PingOneUser>();
		for (const user of pages.flat()) byId.set(user.id, user);
		return [...byId.values()];
	}

	/** Every user of the environment, 1,000 a page. */
	async listUsers(onPage?: (read: number, total?: number) => void): Promise<PingOneUser[]> {
		return await pingOneRequestAllItems<PingOneUser>(this.ctx, '/users', 'users', {
			pageSize: USERS_PAGE,
			retry: this.retry,
			onPage,
		});
	}

	/** The ids of a group's direct members (`filter=memberOfGroups[id eq …]`), 1,000 a page. */
	async listGroupMemberIds(groupId: string): Promise<string[]> {
		const members = await this.all<PingOneUser>(
			'/users',
			'users',
			{ filter: `memberOfGroups[id eq ${filterValue(groupId)}]` },
			USERS_PAGE,
		);
		return members.map((member) => member.id);
	}

	private async lookup(attribute: 'username' | 'email', values: readonly string[]) {
		return await this.findUsersWhere(values.map((value) => ({ attribute, value })));
	}

	/** Users by username, one OR-ed filter per batch; keyed by lower-cased username. */
	async findUsersByUsername(usernames: readonly string[]): Promise<Map<string, PingOneUser>> {
		const found = new Map<string, PingOneUser>();
		for (const user of await this.lookup('username', usernames)) {
			found.set(user.username.toLowerCase(), user);
		}
		return found;
	}

	/** Users by email (PingOne does not require emails to be unique); keyed by lower-cased email. */
	async findUsersByEmail(emails: readonly string[]): Promise<Map<string, PingOneUser[]>> {
		const found = new Map<string, PingOneUser[]>();
		for (const user of await this.lookup('email', emails)) {
			const key = (user.email ?? '').toLowerCase();
			found.set(key, [...(found.get(key) ?? []), user]);
		}
		return found;
	}

	/** One user, with `memberOfGroupIDs` when asked; undefined when there is no such user. */
	async getUser(
		userId: string,
		options: { includeGroupIds?: boolean } = {},
	): Promise<PingOneUser | undefined> {
		const result = await this.send<PingOneUser>({
			method: 'GET',
			path: `/users/${this.id(userId)}`,
			qs: options.includeGroupIds ? { include: 'memberOfGroupIDs' } : undefined,
			allowNotFound: true,
		});
		return result?.body;
	}

	/**
	 * Creates a user (`username` and `email` are required). When a retried create finds the user
	 * already made, the existing user is looked up by username and returned as `replayed`.
	 */
	async createUser(
		input: PingOneUserInput & { username: string; email: string },
	): Promise<Created<PingOneUser>> {
		return await this.create('/users', { ...input }, `user ${input.username}`, async () =>
			(await this.findUsersByUsername([input.username])).get(input.username.toLowerCase()),
		);
	}

	/**
	 * Creates a user, or returns the one that holds the username already (made by an earlier
	 * attempt or by another execution) with `existed`.
	 */
	async createUserOrFind(
		input: PingOneUserInput & { username: string; email: string },
	): Promise<Created<PingOneUser> & { existed: boolean }> {
		return await this.createOrFind('/users', { ...input }, `user ${input.username}`, async () =>
			(await this.findUsersByUsername([input.username])).get(input.username.toLowerCase()),
		);
	}

	/** Changes only the given fields (`PATCH`). */
	async updateUser(userId: string, changes: PingOneUserInput): Promise<PingOneUser> {
		const result = (await this.send<PingOneUser>({
			method: 'PATCH',
			path: `/users/${this.id(userId)}`,
			body: { ...changes },
		})) as PingOneResult<PingOneUser>;
		return result.body;
	}

	/** Enables or disables sign-on for the user (`PUT /users/{id}/enabled`). */
	async setUserEnabled(userId: string, enabled: boolean): Promise<void> {
		await this.send({
			method: 'PUT',
			path: `/users/${this.id(userId)}/enabled`,
			body: { enabled },
		});
	}

	async deleteUser(userId: string): Promise<Removed> {
		return await this.remove(`/users/${this.id(userId)}`);
	}

	async getMfaEnabled(userId: string): Promise<boolean> {
		const result = (await this.send<{ mfaEnabled: boolean }>({
			method: 'GET',
			path: `/users/${this.id(userId)}/mfaEnabled`,
		})) as PingOneResult<{ mfaEnabled: boolean }>;
		return result.body.mfaEnabled === true;
	}

	/** Turns MFA on or off for the user; the user's devices stay as they are. */
	async setMfaEnabled(userId: string, mfaEnabled: boolean): Promise<void> {
		await this.send({
			method: 'PUT',
			path: `/users/${this.id(userId)}/mfaEnabled`,
			body: { mfaEnabled },
		});
	}

	/** Every group, `pageSize` per request (PingOne allows up to 1000). */
	async listGroups(pageSize = PAGE): Promise<PingOneGroup[]> {
		return await this.all<PingOneGroup>('/groups', 'groups', {}, pageSize);
	}

	async findGroupByName(name: string): Promise<PingOneGroup | undefined> {
		const groups = await this.all<PingOneGroup>('/groups', 'groups', {
			filter: `name eq ${filterValue(name)}`,
		});
		return groups.find((group) => group.name.toLowerCase() === name.toLowerCase());
	}

	/** Creates a group; a retried create that finds it already made returns it as `replayed`. */
	async createGroup(input: { name: string; description?: string }): Promise<Created<PingOneGroup>> {
		return await this.create(
			'/groups',
			{ ...input },
			`group ${input.name}`,
			async () => await this.findGroupByName(input.name),
		);
	}

	/** Creates a group, or returns the one that has the name already with `existed`. */
	async createGroupOrFind(input: {
		name: string;
		description?: string;
	}): Promise<Created<PingOneGroup> & { existed: boolean }> {
		return await this.createOrFind(
			'/groups',
			{ ...input },
			`group ${input.name}`,
			async () => await this.findGroupByName(input.name),
		);
	}

	/**
	 * Writes a group whole (`PUT`; PingOne has no PATCH for groups): pass every field to keep.
	 * Undefined when the group does not exist.
	 */
	async replaceGroup(
		groupId: string,
		group: Pick<PingOneGroup, 'name' | 'description' | 'population' | 'externalId'>,
	): Promise<PingOneGroup | undefined> {
		const result = await this.send<PingOneGroup>({
			method: 'PUT',
			path: `/groups/${this.id(groupId)}`,
			body: JSON.parse(JSON.stringify(group)) as IDataObject,
			allowNotFound: true,
		});
		return result?.body;
	}

	/** Renames a group. PingOne has no PATCH for groups, so the group is read and written whole. */
	async renameGroup(groupId: string, name: string): Promise<PingOneGroup> {
		const path = `/groups/${this.id(groupId)}`;
		const current = (await this.send<PingOneGroup>({
			method: 'GET',
			path,
		})) as PingOneResult<PingOneGroup>;
		const { description, population, externalId } = current.body;
		const result = (await this.send<PingOneGroup>({
			method: 'PUT',
			path,
			body: { name, description, population, externalId },
		})) as PingOneResult<PingOneGroup>;
		return result.body;
	}

	async deleteGroup(groupId: string): Promise<Removed> {
		return await this.remove(`/groups/${this.id(groupId)}`);
	}

	/** The ids of the groups the user is a direct or indirect member of (one user read). */
	async listUserGroupIds(userId: string): Promise<string[] | undefined> {
		const user = await this.getUser(userId, { includeGroupIds: true });
		return user ? (user.memberOfGroupIDs ?? []) : undefined;
	}

	/** The user's memberships with their type (`DIRECT` or `INDIRECT`). */
	async listUserGroupMemberships(userId: string): Promise<PingOneGroupMembership[]> {
		return await this.all<PingOneGroupMembership>(
			`/users/${this.id(userId)}/memberOfGroups`,
			'groupMemberships',
		);
	}

	/**
	 * Adds the user to the group. `added` is false when the user was a member already, which
	 * PingOne reports like any other uniqueness violation; `missing` when PingOne answers that the
	 * group (or the user) does not exist.
	 */
	async addUserToGroup(
		userId: string,
		groupId: string,
	): Promise<{ added: boolean; replayed?: Replayed; missing?: true }> {
		const result = await this.send({
			method: 'POST',
			path: `/users/${this.id(userId)}/memberOfGroups`,
			body: { id: groupId },
			accept: isPingOneAlreadyExists,
			allowNotFound: true,
		});
		if (!result) return { added: false, missing: true };
		if (result.replayed) return { added: true, replayed: result.replayed };
		return { added: result.statusCode < 400 };
	}

	async removeUserFromGroup(userId: string, groupId: string): Promise<Removed> {
		return await this.remove(`/users/${this.id(userId)}/memberOfGroups/${this.id(groupId)}`);
	}

	/** The user's MFA devices, default device first when they are ordered. */
	async listDevices(userId: string): Promise<PingOneDevice[]> {
		return await this.all<PingOneDevice>(`/users/${this.id(userId)}/devices`, 'devices');
	}

	/** Deletes one device; PingOne has no call that removes all of a user's devices. */
	async deleteDevice(userId: string, deviceId: string): Promise<Removed> {
		return await this.remove(`/users/${this.id(userId)}/devices/${this.id(deviceId)}`);
	}

	/** Creates an EMAIL, SMS, VOICE, WHATSAPP or TOTP device for the user. */
	async createDevice(userId: string, input: PingOneDeviceInput): Promise<PingOneDevice> {
		const result = (await this.send<PingOneDevice>({
			method: 'POST',
			path: `/users/${this.id(userId)}/devices`,
			body: { ...input },
		})) as PingOneResult<PingOneDevice>;
		return result.body;
	}

	/** The user with group ids and devices; undefined when there is no such user. */
	async getUserDetails(
		userId: string,
	): Promise<{ user: PingOneUser; groupIds: string[]; devices: PingOneDevice[] } | undefined> {
		const user = await this.getUser(userId, { includeGroupIds: true });
		if (!user) return undefined;
		const devices = await this.listDevices(userId);
		return { user, groupIds: user.memberOfGroupIDs ?? [], devices };
	}

	/**
	 * A create; when a retry finds that an earlier attempt already made the object, the object is
	 * read back with `findExisting` and returned as `replayed`.
	 */
	private async create<T>(
		path: string,
		body: IDataObject,
		what: string,
		findExisting: () => Promise<T | undefined>,
	): Promise<Created<T>> {
		const result = (await this.send<T>({ method: 'POST', path, body })) as PingOneResult<T>;
		if (!result.replayed) return { value: result.body };
		const existing = await findExisting();
		if (!existing) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				`PingOne reported ${what} as created by an earlier attempt, but it cannot be found`,
			);
		}
		return { value: existing, replayed: result.replayed };
	}

	/**
	 * A create that takes "already exists" as an answer: on the first attempt (another execution
	 * made the object) as on a retry (an earlier attempt did), the object is read back with
	 * `findExisting` and returned with `existed`.
	 */
	private async createOrFind<T>(
		path: string,
		body: IDataObject,
		what: string,
		findExisting: () => Promise<T | undefined>,
	): Promise<Created<T> & { existed: boolean }> {
		const result = (await this.send<T>({
			method: 'POST',
			path,
			body,
			accept: isPingOneAlreadyExists,
		})) as PingOneResult<T>;
		if (!result.replayed && result.statusCode < 400) return { value: result.body, existed: false };
		const existing = await findExisting();
		if (!existing) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				`PingOne reported ${what} as existing already, but it cannot be found`,
				{ description: 'Run the item again; if this persists, check the object in the PingOne admin console' },
			);
		}
		return { value: existing, existed: true, ...(result.replayed ? { replayed: result.replayed } : {}) };
	}

	private async remove(path: string): Promise<Removed> {
		return removedOutcome(await this.send({ method: 'DELETE', path, allowNotFound: true }));
	}
}
