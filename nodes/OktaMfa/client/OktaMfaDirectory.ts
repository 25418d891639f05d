import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { nextLink } from '../../IdpEventTrigger/providers/okta/okta.api';
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
import type {
	CreateOutcome,
	GroupQuery,
	MfaDevice,
	MfaGroup,
	MfaUser,
	NewUser,
	UserChanges,
} from '../../shared/mfa/port';
import { isOktaAlreadyExists, isOktaGroupNotFound } from '../transport/errors';
import { oktaRequest, oktaRequestAll } from '../transport/request';
import { OKTA_CAPABILITIES } from './capabilities';
import type { OktaAuthenticatorEnrollment, OktaFactor, OktaGroup, OktaUser } from './oktaObjects';
import { enrollmentDevice, factorDevice, isManagedGroup, mfaGroupOf, mfaUserOf, oktaStatus } from './oktaView';
import { orBatches, quoted, userKeyTerms } from './search';

export type OktaDisableBy = 'suspend' | 'deactivate';
export type OktaResetBy = 'resetFactors' | 'eachFactor' | 'eachEnrollment';
export type OktaNewUserProvider = 'FEDERATION' | 'OKTA';

export interface OktaSettings {
	/** The profile attribute that keeps the IdP user id, or `none`. */
	anchorField: string;
	/** Suspend (reversible) or deactivate (deprovisions the user's apps). */
	disableBy: OktaDisableBy;
	/** One reset of all factors, or one deletion per factor or authenticator enrollment. */
	resetBy: OktaResetBy;
	/** How users the node creates sign in: through a federated IdP (active at once), or with Okta credentials. */
	newUsers: OktaNewUserProvider;
}

export const OKTA_DEFAULT_SETTINGS: OktaSettings = {
	anchorField: 'idpUserId',
	disableBy: 'suspend',
	resetBy: 'resetFactors',
	newUsers: 'FEDERATION',
};

const PAGE = 200;
const PARALLEL_LOOKUPS = 4;
const ALL_STATUSES = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED', 'DEPROVISIONED'];

const query = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;

const localPart = (login: string) => login.split('@')[0] || login;

/**
 * Okta as the sync core sees it (the MfaDirectory port), for one execution, on the Management API
 * with the `oktaMfaApi` credential. Users are looked up in batches with `search` (login or anchor
 * attribute, joined by `or`) and `filter` (ids); their groups once per user; groups through the
 * shared group directory. Disabling suspends (or deactivates, by choice); a reset resets all
 * factors in one call, or deletes them one by one.
 */
export class OktaMfaDirectory extends TargetDirectory {
	/** The credential provider type of each user read (`OKTA`, `FEDERATION`, `SOCIAL`, ...). */
	private readonly providerTypes = new Map<string, string>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly retry: RetryPolicy,
		origin: string,
		private readonly settings: OktaSettings,
		options: TargetDirectoryOptions,
	) {
		super(OKTA_CAPABILITIES, `okta ${origin.toLowerCase()}`, options);
	}

	private id(value: string): string {
		return pathSegment(this.ctx.getNode(), value);
	}

	private async send<T>(request: ProviderRequest) {
		return await oktaRequest<T>(this.ctx, { retry: this.retry, ...request });
	}

	private view(user: OktaUser): MfaUser {
		const type = user.credentials?.provider?.type;
		if (type) this.providerTypes.set(user.id, type);
		return mfaUserOf(user, this.settings.anchorField);
	}

	protected async fetchUsers(lookup: { keys: string[]; ids: string[] }): Promise<MfaUser[]> {
		const requests = [
			...orBatches(userKeyTerms(lookup.keys, this.settings.anchorField)).map((search) =>
				query('/api/v1/users', { search, limit: String(PAGE) }),
			),
			...orBatches(lookup.ids.map((id) => `id eq ${quoted(id)}`)).map((filter) =>
				query('/api/v1/users', { filter, limit: String(PAGE) }),
			),
		];
		const pages = await mapWithConcurrency(requests, PARALLEL_LOOKUPS, async (path) =>
			oktaRequestAll<OktaUser>(this.ctx, path, this.retry),
		);
		return pages.flat().map((user) => this.view(user));
	}

	protected async fetchAllUsers(progress?: (read: number, total?: number) => void): Promise<MfaUser[]> {
		const filter = ALL_STATUSES.map((status) => `status eq ${quoted(status)}`).join(' or ');
		const users: MfaUser[] = [];
		let next: string | undefined = query('/api/v1/users', { filter, limit: String(PAGE) });
		while (next) {
			const page = await this.send<OktaUser[]>({ method: 'GET', path: next });
			for (const user of page?.body ?? []) users.push(this.view(user));
			progress?.(users.length);
			next = nextLink(page?.headers.link);
		}
		return users;
	}

	protected async fetchUserGroups(user: MfaUser): Promise<MfaGroup[]> {
		const groups = await oktaRequestAll<OktaGroup>(
			this.ctx,
			query(`/api/v1/users/${this.id(user.id)}/groups`, { limit: String(PAGE) }),
			this.retry,
		);
		return groups.filter(isManagedGroup).map(mfaGroupOf);
	}

	protected async fetchGroupMemberIds(group: MfaGroup): Promise<string[]> {
		const members = await oktaRequestAll<OktaUser>(
			this.ctx,
			query(`/api/v1/groups/${this.id(group.id)}/users`, { limit: String(PAGE) }),
			this.retry,
		);
		return members.map((member) => member.id);
	}

	protected async fetchGroups(): Promise<MfaGroup[]> {
		const groups = await oktaRequestAll<OktaGroup>(
			this.ctx,
			query('/api/v1/groups', { filter: 'type eq "OKTA_GROUP"', limit: String(PAGE) }),
			this.retry,
		);
		return groups.filter(isManagedGroup).map(mfaGroupOf);
	}

	protected async fetchDevices(user: MfaUser): Promise<MfaDevice[]> {
		if (this.settings.resetBy === 'eachEnrollment') {
			const enrollments = await this.send<OktaAuthenticatorEnrollment[]>({
				method: 'GET',
				path: `/api/v1/users/${this.id(user.id)}/authenticator-enrollments`,
			});
			return (enrollments?.body ?? []).filter((enrollment) => enrollment.type !== 'password').map(enrollmentDevice);
		}
		const factors = await this.send<OktaFactor[]>({ method: 'GET', path: `/api/v1/users/${this.id(user.id)}/factors` });
		return (factors?.body ?? []).map(factorDevice);
	}

	/** The user as Okta holds it, for Get without Simplify. */
	async rawUser(user: MfaUser): Promise<IDataObject> {
		const found = await this.send<IDataObject>({ method: 'GET', path: `/api/v1/users/${this.id(user.id)}` });
		return found?.body ?? {};
	}

	private profileOf(username: string, fields: Record<string, string>): Record<string, string> {
		const profile: Record<string, string> = { login: username };
		for (const [field, value] of Object.entries(fields)) if (value !== '') profile[field] = value;
		profile.email ??= username.includes('@') ? username : '';
		profile.firstName ??= localPart(username);
		profile.lastName ??= localPart(username);
		return profile;
	}

	async createUser(user: NewUser): Promise<CreateOutcome<MfaUser>> {
		const federated = this.settings.newUsers === 'FEDERATION';
		const profile = this.profileOf(user.username, user.fields);
		if (!profile.email) {
			throw new NodeOperationError(this.ctx.getNode(), `Okta needs an email address to create user ${user.username}`, {
				description:
					'Okta requires an email for every user. Map one: "Username From" Email, or an email attribute in the mapping profile. Nothing was created.',
			});
		}
		const body: IDataObject = {
			profile,
			...(federated ? { credentials: { provider: { type: 'FEDERATION', name: 'FEDERATION' } } } : {}),
		};
		const path = `/api/v1/users?activate=true${federated ? '&provider=true' : ''}`;
		const result = await this.write(
			{ method: 'POST', path, params: body, target: { kind: 'user', name: user.username }, after: body },
			async () => await this.send<OktaUser>({ method: 'POST', path, body, accept: isOktaAlreadyExists }),
		);
		if (result && result.statusCode >= 400) {
			const existing = await this.send<OktaUser>({
				method: 'GET',
				path: `/api/v1/users/${this.id(user.username)}`,
				allowNotFound: true,
			});
			if (existing) return { value: this.remember(this.view(existing.body)), existed: true };
		}
		const created: OktaUser = result?.body ?? {
			id: plannedId(user.username),
			status: federated ? 'ACTIVE' : 'PROVISIONED',
			profile: body.profile as OktaUser['profile'],
			credentials: { provider: { type: federated ? 'FEDERATION' : 'OKTA' } },
		};
		let value = this.rememberCreated(this.view(created));
		if (user.status === 'disabled') value = await this.updateUser(value, { status: 'disabled' });
		return { value, existed: false };
	}

	private lifecyclePath(user: MfaUser, action: string): string {
		const quiet = action === 'deactivate' || action === 'activate' ? '?sendEmail=false' : '';
		return `/api/v1/users/${this.id(user.id)}/lifecycle/${action}${quiet}`;
	}

	private async lifecycle(user: MfaUser, action: string, status: string): Promise<string> {
		const path = this.lifecyclePath(user, action);
		await this.write(
			{
				method: 'POST',
				path,
				params: {},
				target: { kind: 'user', id: user.id, name: user.username },
				before: { status: user.statusLabel },
				after: { status },
			},
			async () => await this.send({ method: 'POST', path, intent: 'update' }),
		);
		return status;
	}

	private async disable(user: MfaUser): Promise<string> {
		if (this.settings.disableBy === 'deactivate' && user.statusLabel !== 'DEPROVISIONED') {
			return await this.lifecycle(user, 'deactivate', 'DEPROVISIONED');
		}
		if (user.statusLabel === 'ACTIVE') return await this.lifecycle(user, 'suspend', 'SUSPENDED');
		throw new NodeOperationError(
			this.ctx.getNode(),
			`Okta user ${user.username} cannot be suspended: its status is ${user.statusLabel}, and Okta suspends only ACTIVE users`,
			{
				description:
					'Set "Disable By" to "Deactivate" to disable users in any status (deactivation also removes their app assignments), or activate the user in Okta first',
			},
		);
	}

	private async enable(user: MfaUser): Promise<string> {
		if (user.statusLabel === 'SUSPENDED') return await this.lifecycle(user, 'unsuspend', 'ACTIVE');
		const federated = (this.providerTypes.get(user.id) ?? 'OKTA') !== 'OKTA';
		return await this.lifecycle(user, 'activate', federated ? 'ACTIVE' : 'PROVISIONED');
	}

	async updateUser(user: MfaUser, changes: UserChanges): Promise<MfaUser> {
		let current = this.current(user);
		if (changes.status !== undefined && changes.status !== 'active' && changes.status !== 'disabled') {
			throw new NodeOperationError(this.ctx.getNode(), `Okta has no user status "${changes.status}"`, {
				description: 'Use active or disabled',
			});
		}
		if (changes.status === 'active' && current.status === 'disabled') {
			current = this.withStatus(current, await this.enable(current));
		}
		const profile: IDataObject = {};
		if (changes.username !== undefined) profile.login = changes.username;
		for (const [field, value] of Object.entries(changes.fields ?? {})) profile[field] = value === '' ? null : value;
		if (Object.keys(profile).length > 0) {
			const path = `/api/v1/users/${this.id(current.id)}`;
			const before: IDataObject = {};
			for (const field of Object.keys(profile)) {
				before[field] = field === 'login' ? current.username : (current.fields[field] ?? '');
			}
			await this.write(
				{
					method: 'POST',
					path,
					params: { profile },
					target: { kind: 'user', id: current.id, name: current.username },
					before,
					after: profile,
				},
				async () => await this.send({ method: 'POST', path, body: { profile }, intent: 'update' }),
			);
			current = this.withProfile(current, changes);
		}
		if (changes.status === 'disabled' && current.status !== 'disabled') {
			current = this.withStatus(current, await this.disable(current));
		}
		return this.remember(current);
	}

	private withStatus(user: MfaUser, statusLabel: string): MfaUser {
		return { ...user, status: oktaStatus(statusLabel), statusLabel };
	}

	private withProfile(user: MfaUser, changes: UserChanges): MfaUser {
		const fields = { ...user.fields, ...(changes.fields ?? {}) };
		const anchor = this.settings.anchorField === 'none' ? '' : (fields[this.settings.anchorField] ?? '');
		return {
			...user,
			username: changes.username ?? user.username,
			fields,
			aliases: anchor ? [anchor] : [],
			...(fields.email ? { email: fields.email } : {}),
		};
	}

	async deleteUser(user: MfaUser): Promise<void> {
		const current = this.current(user);
		if (current.statusLabel !== 'DEPROVISIONED') await this.lifecycle(current, 'deactivate', 'DEPROVISIONED');
		const path = `/api/v1/users/${this.id(current.id)}?sendEmail=false`;
		await this.write(
			{
				method: 'DELETE',
				path,
				params: {},
				target: { kind: 'user', id: current.id, name: current.username },
				before: { login: current.username, status: current.statusLabel },
			},
			async () => await this.send({ method: 'DELETE', path, allowNotFound: true }),
		);
		this.forgetDeleted(current);
	}

	async createGroup(group: { name: string; description?: string }): Promise<CreateOutcome<MfaGroup>> {
		const body = { profile: { name: group.name, ...(group.description ? { description: group.description } : {}) } };
		const path = '/api/v1/groups';
		const result = await this.write(
			{ method: 'POST', path, params: body, target: { kind: 'group', name: group.name }, after: body.profile },
			async () => await this.send<OktaGroup>({ method: 'POST', path, body, accept: isOktaAlreadyExists }),
		);
		if (result && result.statusCode >= 400) {
			await this.groups.refresh();
			const existing = await this.groups.find({ name: group.name });
			if (existing) return { value: existing, existed: true };
		}
		const created = result?.body
			? mfaGroupOf(result.body)
			: { id: plannedId(group.name), name: group.name, description: group.description ?? '' };
		return { value: this.groups.record(created), existed: false };
	}

	async updateGroup(
		group: MfaGroup,
		changes: { name?: string; description?: string },
		requery?: GroupQuery,
	): Promise<MfaGroup | undefined> {
		const reached = await this.groupWrite(
			this.groups.byId(group.id) ?? group,
			async (target) => {
				const profile = { name: changes.name ?? target.name, description: changes.description ?? target.description };
				const path = `/api/v1/groups/${this.id(target.id)}`;
				const result = await this.write(
					{
						method: 'PUT',
						path,
						params: { profile },
						target: { kind: 'group', id: target.id, name: target.name },
						before: { name: target.name, description: target.description },
						after: profile,
					},
					async () => await this.send({ method: 'PUT', path, body: { profile }, accept: isOktaGroupNotFound }),
				);
				return result?.statusCode === 404 ? GROUP_GONE : profile;
			},
			requery,
		);
		if (!reached) return undefined;
		return this.groupChanged({ ...reached.group, ...changes });
	}

	async deleteGroup(group: MfaGroup, requery?: GroupQuery): Promise<MfaGroup | undefined> {
		const reached = await this.groupWrite(
			this.groups.byId(group.id) ?? group,
			async (target) => {
				const path = `/api/v1/groups/${this.id(target.id)}`;
				const result = await this.write(
					{
						method: 'DELETE',
						path,
						params: {},
						target: { kind: 'group', id: target.id, name: target.name },
						before: { name: target.name },
					},
					async () => await this.send({ method: 'DELETE', path, accept: isOktaGroupNotFound }),
				);
				return result?.statusCode === 404 ? GROUP_GONE : true;
			},
			requery,
		);
		if (!reached) return undefined;
		this.groupDeleted(reached.group);
		return reached.group;
	}

	private membershipPath(user: MfaUser, group: MfaGroup): string {
		return `/api/v1/groups/${this.id(group.id)}/users/${this.id(user.id)}`;
	}

	async addToGroup(user: MfaUser, group: MfaGroup): Promise<MfaGroup | undefined> {
		const reached = await this.groupWrite(this.groups.byId(group.id) ?? group, async (target) => {
			const path = this.membershipPath(user, target);
			const result = await this.write(
				{
					method: 'PUT',
					path,
					params: {},
					target: { kind: 'membership', id: user.id, name: `${user.username} → ${target.name}` },
					after: { group: target.name },
				},
				async () => await this.send({ method: 'PUT', path, accept: isOktaGroupNotFound }),
			);
			return result?.statusCode === 404 ? GROUP_GONE : true;
		});
		if (!reached) return undefined;
		this.changeMembership(user, reached.group, true);
		return reached.group;
	}

	async removeFromGroup(user: MfaUser, group: MfaGroup): Promise<void> {
		const path = this.membershipPath(user, group);
		await this.write(
			{
				method: 'DELETE',
				path,
				params: {},
				target: { kind: 'membership', id: user.id, name: `${user.username} → ${group.name}` },
				before: { group: group.name },
			},
			async () => await this.send({ method: 'DELETE', path, allowNotFound: true }),
		);
		this.changeMembership(user, group, false);
	}

	async removeDevice(user: MfaUser, device: MfaDevice): Promise<void> {
		const known = this.knownDevices(user);
		if (!known.some((candidate) => candidate.id === device.id) || isPlannedId(user.id)) return;
		const userPath = `/api/v1/users/${this.id(user.id)}`;
		const { path, method, removes } =
			this.settings.resetBy === 'resetFactors'
				? { path: `${userPath}/lifecycle/reset_factors`, method: 'POST' as const, removes: known }
				: {
						path: `${userPath}/${this.settings.resetBy === 'eachFactor' ? 'factors' : 'authenticator-enrollments'}/${this.id(device.id)}`,
						method: 'DELETE' as const,
						removes: [device],
					};
		await this.write(
			{
				method,
				path,
				params: {},
				target: { kind: 'device', id: device.id, name: user.username },
				before: { user_id: user.id, devices: removes.map((removed) => removed.id) },
			},
			async () => await this.send({ method, path, intent: method === 'POST' ? 'update' : 'delete', allowNotFound: true }),
		);
		this.devicesRemoved(
			user,
			removes.map((removed) => removed.id),
		);
	}
}

