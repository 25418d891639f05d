import { randomBytes } from 'crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/http/concurrency';
import { pathSegment } from '../../shared/http/pathSegment';
import type { ProviderRequest } from '../../shared/http/providerCall';
import type { RetryPolicy } from '../../shared/http/retryPolicy';
import {
	GROUP_GONE,
	isPlannedId,
	plannedId,
	TargetDirectory,
	type TargetDirectoryOptions,
} from '../../shared/mfa/adapter/targetDirectory';
import type { CreateOutcome, GroupQuery, MfaDevice, MfaGroup, MfaUser, NewUser, UserChanges } from '../../shared/mfa/port';
import { isAuth0AlreadyExists, isRoleGone } from '../transport/errors';
import { auth0Call } from '../transport/request';
import { AUTH0_CAPABILITIES } from './capabilities';
import type { Auth0AuthenticationMethod, Auth0Role, Auth0User } from './auth0Objects';
import { ANCHOR_KEY, devicesOf, GUARDIAN_TYPES, mfaGroupOf, mfaUserOf, WATERMARK_KEY } from './auth0View';

export type Auth0ResetBy = 'authenticators' | 'each';

export interface Auth0Settings {
	/** Whether app_metadata.idpUserId keeps the IdP user id. */
	anchored: boolean;
	/** The database connection users are created in. */
	connection: string;
	/** One DELETE of all Guardian authenticators (then each other method), or one DELETE per method. */
	resetBy: Auth0ResetBy;
}

export const AUTH0_DEFAULT_SETTINGS: Auth0Settings = {
	anchored: true,
	connection: 'Username-Password-Authentication',
	resetBy: 'authenticators',
};

const PAGE = 100;
/** Auth0 pages through the first 1,000 results of a user search or list only. */
const CEILING = 1000;
const MAX_TERMS = 50;
const MAX_QUERY = 2000;
const PARALLEL_LOOKUPS = 4;
export const REDACTED = '[redacted]';

const phrase = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const query = (path: string, params: Record<string, string | number | boolean>) =>
	`${path}?${new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)])).toString()}`;

/** Lucene terms joined by OR, in batches of at most 50 terms and 2,000 characters. */
function searchBatches(terms: string[]): string[] {
	const batches: string[] = [];
	let current: string[] = [];
	for (const term of terms) {
		if (current.length > 0 && (current.length >= MAX_TERMS || [...current, term].join(' OR ').length > MAX_QUERY)) {
			batches.push(current.join(' OR '));
			current = [];
		}
		current.push(term);
	}
	if (current.length > 0) batches.push(current.join(' OR '));
	return batches;
}

/** A password for a user the node creates; the user never learns it (federated sign-in or a reset). */
function generatedPassword(): string {
	return `${randomBytes(18).toString('base64url')}Aa1!`;
}

interface Paged {
	total?: number;
	[list: string]: unknown;
}

/**
 * Auth0 as the sync core sees it (the MfaDirectory port), for one execution, on the Management API
 * with the `auth0MfaApi` credential. The username is the email; the IdP user id and the sync
 * watermark live in app_metadata; roles are the groups. Users are looked up with one Lucene search
 * per batch (email, anchor or user_id, joined by OR); disabling blocks the user; a reset deletes
 * all Guardian authenticators at once, then any other method (WebAuthn, passkeys) one by one.
 */
export class Auth0MfaDirectory extends TargetDirectory {
	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly retry: RetryPolicy,
		host: string,
		private readonly settings: Auth0Settings,
		options: TargetDirectoryOptions,
	) {
		super(AUTH0_CAPABILITIES, `auth0 ${host.toLowerCase()}`, options);
	}

	private id(value: string): string {
		return pathSegment(this.ctx.getNode(), value);
	}

	private async send<T>(request: ProviderRequest) {
		return await auth0Call<T>(this.ctx, { retry: this.retry, ...request });
	}

	private view(user: Auth0User): MfaUser {
		return mfaUserOf(user, this.settings.anchored);
	}

	/** Every item of a page/per_page listing (with include_totals), up to Auth0's ceiling. */
	private async pages<T>(path: string, params: Record<string, string | number | boolean>, key: string, progress?: (read: number, total?: number) => void): Promise<T[]> {
		const items: T[] = [];
		for (let page = 0; ; page++) {
			const result = await this.send<Paged | T[]>({ method: 'GET', path: query(path, { ...params, page, per_page: PAGE, include_totals: true }) });
			const body = result?.body;
			const batch = (Array.isArray(body) ? body : ((body?.[key] as T[] | undefined) ?? [])) as T[];
			items.push(...batch);
			const total = !Array.isArray(body) && typeof body?.total === 'number' ? body.total : undefined;
			progress?.(items.length, total);
			if (batch.length < PAGE || (total !== undefined && items.length >= total) || items.length >= CEILING) return items;
		}
	}

	protected async fetchUsers(lookup: { keys: string[]; ids: string[] }): Promise<MfaUser[]> {
		const terms = [
			...lookup.keys.flatMap((key) => [
				...(key.includes('@') ? [`email:${phrase(key)}`] : []),
				...(this.settings.anchored ? [`app_metadata.${ANCHOR_KEY}:${phrase(key)}`] : []),
			]),
			...lookup.ids.map((id) => `user_id:${phrase(id)}`),
		];
		const found = await mapWithConcurrency(searchBatches(terms), PARALLEL_LOOKUPS, async (q) =>
			this.pages<Auth0User>('/users', { q, search_engine: 'v3' }, 'users'),
		);
		return found.flat().map((user) => this.view(user));
	}

	protected async fetchAllUsers(progress?: (read: number, total?: number) => void): Promise<MfaUser[]> {
		const users = await this.pages<Auth0User>('/users', { search_engine: 'v3' }, 'users', progress);
		if (users.length >= CEILING) {
			throw new NodeOperationError(this.ctx.getNode(), 'Auth0 lists at most 1,000 users through the Management API', {
				description:
					'Reconcile against an Auth0 tenant needs every user; this tenant has 1,000 or more. Run Reconcile per connection or per group of users with the IdP Directory filters, or apply events only. Nothing was written.',
			});
		}
		return users.map((user) => this.view(user));
	}

	protected async fetchUserGroups(user: MfaUser): Promise<MfaGroup[]> {
		const roles = await this.pages<Auth0Role>(`/users/${this.id(user.id)}/roles`, {}, 'roles');
		return roles.map(mfaGroupOf);
	}

	protected async fetchGroupMemberIds(group: MfaGroup): Promise<string[]> {
		const ids: string[] = [];
		let from: string | undefined;
		do {
			const result = await this.send<{ users?: Auth0User[]; next?: string }>({
				method: 'GET',
				path: query(`/roles/${this.id(group.id)}/users`, { take: PAGE, ...(from ? { from } : {}) }),
			});
			ids.push(...(result?.body.users ?? []).map((member) => member.user_id));
			from = result?.body.next;
		} while (from);
		return ids;
	}

	protected async fetchGroups(): Promise<MfaGroup[]> {
		return (await this.pages<Auth0Role>('/roles', {}, 'roles')).map(mfaGroupOf);
	}

	protected async fetchDevices(user: MfaUser): Promise<MfaDevice[]> {
		const methods = await this.send<Auth0AuthenticationMethod[]>({
			method: 'GET',
			path: `/users/${this.id(user.id)}/authentication-methods`,
		});
		return devicesOf(methods?.body ?? []);
	}

	/** The user as Auth0 holds it, for Get without Simplify. */
	async rawUser(user: MfaUser): Promise<IDataObject> {
		const found = await this.send<IDataObject>({ method: 'GET', path: `/users/${this.id(user.id)}` });
		return found?.body ?? {};
	}

	/** Auth0 attributes for profile fields, the watermark and the status; '' clears an attribute. */
	private attributes(fields: Record<string, string>, extra: { watermark?: string; status?: string }, creating: boolean): IDataObject {
		const body: IDataObject = {};
		const metadata: IDataObject = {};
		for (const [field, value] of Object.entries(fields)) {
			if (creating && value === '') continue;
			if (field === 'idpUserId') metadata[ANCHOR_KEY] = value === '' ? null : value;
			else body[field] = value === '' ? null : value;
		}
		if (extra.watermark) metadata[WATERMARK_KEY] = extra.watermark;
		if (Object.keys(metadata).length > 0) body.app_metadata = metadata;
		if (extra.status !== undefined && (extra.status !== 'active' || !creating)) body.blocked = extra.status === 'disabled';
		return body;
	}

	async createUser(user: NewUser): Promise<CreateOutcome<MfaUser>> {
		const body: IDataObject = {
			connection: this.settings.connection,
			email: user.username,
			verify_email: false,
			...this.attributes(user.fields, { watermark: user.watermark, status: user.status }, true),
		};
		const shown = { ...body, password: REDACTED };
		const result = await this.write(
			{ method: 'POST', path: '/users', params: shown, target: { kind: 'user', name: user.username }, after: shown },
			async () =>
				await this.send<Auth0User>({ method: 'POST', path: '/users', body: { ...body, password: generatedPassword() }, accept: isAuth0AlreadyExists }),
		);
		if (result && result.statusCode === 409) {
			const existing = await this.send<Auth0User[]>({ method: 'GET', path: query('/users-by-email', { email: user.username }) });
			const [found] = existing?.body ?? [];
			if (found) return { value: this.remember(this.view(found)), existed: true };
		}
		const created: Auth0User = result?.body ?? {
			user_id: plannedId(user.username),
			email: user.username,
			...(body as IDataObject),
		};
		return { value: this.rememberCreated(this.view(created)), existed: false };
	}

	async updateUser(user: MfaUser, changes: UserChanges): Promise<MfaUser> {
		const current = this.current(user);
		if (changes.status !== undefined && changes.status !== 'active' && changes.status !== 'disabled') {
			throw new NodeOperationError(this.ctx.getNode(), `Auth0 has no user status "${changes.status}"`, {
				description: 'Use active or disabled',
			});
		}
		const body: IDataObject = {
			...(changes.username !== undefined ? { email: changes.username } : {}),
			...this.attributes(changes.fields ?? {}, { watermark: changes.watermark, status: changes.status }, false),
		};
		const path = `/users/${this.id(current.id)}`;
		const before: IDataObject = {
			...(changes.username !== undefined ? { email: current.username } : {}),
			...Object.fromEntries(Object.keys(changes.fields ?? {}).map((field) => [field, current.fields[field] ?? ''])),
			...(changes.status !== undefined ? { blocked: current.status === 'disabled' } : {}),
		};
		await this.write(
			{ method: 'PATCH', path, params: body, target: { kind: 'user', id: current.id, name: current.username }, before, after: body },
			async () => await this.send({ method: 'PATCH', path, body }),
		);
		const fields = { ...current.fields, ...(changes.fields ?? {}) };
		const status = changes.status === undefined ? current.status : changes.status;
		return this.remember({
			...current,
			username: changes.username ?? current.username,
			fields,
			aliases: this.settings.anchored && fields.idpUserId ? [fields.idpUserId] : [],
			status,
			statusLabel: status === 'disabled' ? 'blocked' : 'active',
			...(changes.username ? { email: changes.username } : {}),
			...(changes.watermark ? { watermark: changes.watermark } : {}),
		});
	}

	async deleteUser(user: MfaUser): Promise<void> {
		const current = this.current(user);
		const path = `/users/${this.id(current.id)}`;
		await this.write(
			{ method: 'DELETE', path, params: {}, target: { kind: 'user', id: current.id, name: current.username }, before: { email: current.username } },
			async () => await this.send({ method: 'DELETE', path, allowNotFound: true }),
		);
		this.forgetDeleted(current);
	}

	async createGroup(group: { name: string; description?: string }): Promise<CreateOutcome<MfaGroup>> {
		const body = { name: group.name, ...(group.description ? { description: group.description } : {}) };
		const result = await this.write(
			{ method: 'POST', path: '/roles', params: body, target: { kind: 'group', name: group.name }, after: body },
			async () => await this.send<Auth0Role>({ method: 'POST', path: '/roles', body, accept: isAuth0AlreadyExists }),
		);
		if (result && result.statusCode === 409) {
			await this.groups.refresh();
			const existing = await this.groups.find({ name: group.name });
			if (existing) return { value: existing, existed: true };
		}
		const created = result?.body ? mfaGroupOf(result.body) : { id: plannedId(group.name), name: group.name, description: group.description ?? '' };
		return { value: this.groups.record(created), existed: false };
	}

	async updateGroup(group: MfaGroup, changes: { name?: string; description?: string }, requery?: GroupQuery): Promise<MfaGroup | undefined> {
		const body = { ...(changes.name !== undefined ? { name: changes.name } : {}), ...(changes.description !== undefined ? { description: changes.description } : {}) };
		const reached = await this.groupWrite(
			this.groups.byId(group.id) ?? group,
			async (target) => {
				const path = `/roles/${this.id(target.id)}`;
				const result = await this.write(
					{ method: 'PATCH', path, params: body, target: { kind: 'group', id: target.id, name: target.name }, before: { name: target.name, description: target.description }, after: body },
					async () => await this.send({ method: 'PATCH', path, body, accept: isRoleGone }),
				);
				return result && result.statusCode >= 400 ? GROUP_GONE : true;
			},
			requery,
		);
		return reached ? this.groupChanged({ ...reached.group, ...changes }) : undefined;
	}

	async deleteGroup(group: MfaGroup, requery?: GroupQuery): Promise<MfaGroup | undefined> {
		const reached = await this.groupWrite(
			this.groups.byId(group.id) ?? group,
			async (target) => {
				const path = `/roles/${this.id(target.id)}`;
				const result = await this.write(
					{ method: 'DELETE', path, params: {}, target: { kind: 'group', id: target.id, name: target.name }, before: { name: target.name } },
					async () => await this.send({ method: 'DELETE', path, accept: isRoleGone }),
				);
				return result && result.statusCode >= 400 ? GROUP_GONE : true;
			},
			requery,
		);
		if (!reached) return undefined;
		this.groupDeleted(reached.group);
		return reached.group;
	}

	async addToGroup(user: MfaUser, group: MfaGroup): Promise<MfaGroup | undefined> {
		const reached = await this.groupWrite(this.groups.byId(group.id) ?? group, async (target) => {
			const path = `/users/${this.id(user.id)}/roles`;
			const body = { roles: [target.id] };
			const result = await this.write(
				{ method: 'POST', path, params: body, target: { kind: 'membership', id: user.id, name: `${user.username} → ${target.name}` }, after: { role: target.name } },
				async () => await this.send({ method: 'POST', path, body, intent: 'update', accept: isRoleGone }),
			);
			return result && result.statusCode >= 400 ? GROUP_GONE : true;
		});
		if (!reached) return undefined;
		this.changeMembership(user, reached.group, true);
		return reached.group;
	}

	async removeFromGroup(user: MfaUser, group: MfaGroup): Promise<void> {
		const path = `/users/${this.id(user.id)}/roles`;
		const body = { roles: [group.id] };
		await this.write(
			{ method: 'DELETE', path, params: body, target: { kind: 'membership', id: user.id, name: `${user.username} → ${group.name}` }, before: { role: group.name } },
			async () => await this.send({ method: 'DELETE', path, body, allowNotFound: true }),
		);
		this.changeMembership(user, group, false);
	}

	async removeDevice(user: MfaUser, device: MfaDevice): Promise<void> {
		const known = this.knownDevices(user);
		if (isPlannedId(user.id) || !known.some((candidate) => candidate.id === device.id)) return;
		const userPath = `/users/${this.id(user.id)}`;
		const allAtOnce = this.settings.resetBy === 'authenticators' && GUARDIAN_TYPES.has(device.kind);
		const removes = allAtOnce ? known.filter((candidate) => GUARDIAN_TYPES.has(candidate.kind)) : [device];
		const path = allAtOnce ? `${userPath}/authenticators` : `${userPath}/authentication-methods/${this.id(device.id)}`;
		await this.write(
			{ method: 'DELETE', path, params: {}, target: { kind: 'device', id: device.id, name: user.username }, before: { user_id: user.id, methods: removes.map((removed) => removed.id) } },
			async () => await this.send({ method: 'DELETE', path, allowNotFound: true }),
		);
		this.devicesRemoved(
			user,
			removes.map((removed) => removed.id),
		);
	}

	/** Emails the user an enrollment ticket (Guardian): the link itself stays out of the output. */
	async sendEnrollment(user: MfaUser, email: string): Promise<void> {
		const body = { user_id: user.id, email, send_mail: true };
		await this.write(
			{ method: 'POST', path: '/guardian/enrollments/ticket', params: body, target: { kind: 'enrollment', id: user.id, name: user.username }, after: { email } },
			async () => await this.send({ method: 'POST', path: '/guardian/enrollments/ticket', body, intent: 'update' }),
		);
	}
}
