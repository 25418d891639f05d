import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { Auth0IdpApi } from '../../credentials/Auth0IdpApi.credentials';
import { EntraIdpApi } from '../../credentials/EntraIdpApi.credentials';
import { OktaIdpApi } from '../../credentials/OktaIdpApi.credentials';
import { IdpDirectory } from '../../nodes/IdpDirectory/IdpDirectory.node';
import {
	DirectoryUserSchema,
	type DirectoryUser,
	type IdentityEvent,
	type IdentityUser,
} from '../../nodes/shared/model';
import { executeNode } from '../harness/engine';
import { n8nLogger } from '../harness/n8nContainer';
import { seededRandom } from '../helpers/seededRandom';

const CREDENTIAL_TYPES = { okta: new OktaIdpApi(), auth0: new Auth0IdpApi(), entra: new EntraIdpApi() };
export type Provider = keyof typeof CREDENTIAL_TYPES;

export interface DirectoryRun {
	items: IDataObject[];
	/** What the node logged through n8n's logger, in order. */
	logs: string[];
	startedAt: string;
	endedAt: string;
}

/** Runs the IdP Directory node once in n8n-core's execution context and collects its items and log lines. */
export async function runDirectory(options: {
	provider: Provider;
	credentials: ICredentialDataDecryptedObject;
	resource?: 'user' | 'group';
	filters?: IDataObject;
	parameters?: INodeParameters;
	continueOnFail?: boolean;
}): Promise<DirectoryRun> {
	const logs: string[] = [];
	const logger = n8nLogger();
	const spy = jest.spyOn(logger, 'info').mockImplementation((message: string) => {
		logs.push(message);
	});
	const startedAt = new Date().toISOString();
	try {
		const [items] = await executeNode({
			node: new IdpDirectory(),
			parameters: {
				provider: options.provider,
				resource: options.resource ?? 'user',
				operation: 'getAll',
				...(options.filters ? { filters: options.filters as INodeParameters } : {}),
				...options.parameters,
			},
			credentials: { [CREDENTIAL_TYPES[options.provider].name]: options.credentials },
			credentialTypes: [CREDENTIAL_TYPES[options.provider]],
			continueOnFail: options.continueOnFail,
		});
		return { items: items.map((item) => item.json), logs, startedAt, endedAt: new Date().toISOString() };
	} finally {
		spy.mockRestore();
	}
}

/** Parses every item with the DirectoryUser schema (failing the test on the first that does not fit). */
export function directoryUsers(run: DirectoryRun): DirectoryUser[] {
	return run.items.map((item, index) => {
		const parsed = DirectoryUserSchema.safeParse(item);
		if (!parsed.success) throw new Error(`item ${index} is not a DirectoryUser: ${parsed.error.message}`);
		expect(parsed.data.observedAt >= run.startedAt && parsed.data.observedAt <= run.endedAt).toBe(true);
		return parsed.data;
	});
}

export const byId = <T extends { user: { id: string } }>(list: T[]) =>
	new Map(list.map((entry) => [entry.user.id, entry]));

/** Group IDs sorted, for comparing memberships whatever order a provider lists them in. */
export const groupIds = (user: { groups?: Array<{ id: string }> }) => (user.groups ?? []).map((g) => g.id).sort();

export const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));

/** Requests a fake recorded, counted by method and path with IDs folded: `GET /api/v1/groups/{id}/users`. */
export function callCounts(requests: Array<{ method: string; path: string }>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const { method, path } of requests) {
		const key = `${method} ${path
			.replace(/\/(groups|roles)\/[^/]+/g, '/$1/{id}')
			.replace(/\/jobs\/(?!users-exports)[^/]+/, '/jobs/{id}')
			.replace(/\/user-exports\/.*/, '/user-exports/{file}')
			.replace(/^\/[^/]+\/oauth2/, '/{tenant}/oauth2')}`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

export interface Person {
	index: number;
	first: string;
	last: string;
	email: string;
	department: string;
}

export interface SampleDirectory {
	people: Person[];
	groups: Array<{ index: number; name: string }>;
	/** group index → person indexes */
	members: Map<number, number[]>;
}

const FIRST = ['Ana', 'Björn', 'Chloé', 'Dmitri', 'Eve', 'Farah', 'Hana', 'Iker', 'Kwame', 'Léa'];
const LAST = ['Smith', 'Müller', "O'Brien", 'García', 'Nakamura', 'Ng', 'Dubois', 'Okafor'];
const DEPARTMENTS = ['Engineering', 'Finance', 'Sales', 'Support'];

/**
 * A seeded directory: `users` people, `groups` groups with 0 to 3 groups each, group 0 empty, and
 * `bigGroup` members in group 1 (to page member lists).
 */
export function sampleDirectory(users: number, groups: number, bigGroup: number, seed = 7): SampleDirectory {
	const random = seededRandom(seed);
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	const people = Array.from({ length: users }, (_, index) => {
		const first = pick(FIRST);
		const last = pick(LAST);
		return {
			index,
			first,
			last,
			email: `${first.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${index}@example.com`,
			department: pick(DEPARTMENTS),
		};
	});
	const list = Array.from({ length: groups }, (_, index) => ({ index, name: `mfa-${String(index).padStart(3, '0')} ${DEPARTMENTS[index % 4]}` }));
	const members = new Map<number, number[]>(list.map((group) => [group.index, []]));
	for (const person of people) {
		for (let k = Math.floor(random() * 4); k > 0; k--) {
			const group = 2 + Math.floor(random() * Math.max(1, groups - 2));
			if (group < groups && !members.get(group)!.includes(person.index)) members.get(group)!.push(person.index);
		}
	}
	if (groups > 1) members.set(1, people.slice(0, bigGroup).map((person) => person.index));
	return { people, groups: list, members };
}

/** A user event about `userId` only, as the trigger holds it before enrichment. */
export function bareUserEvent(idp: Provider, tenant: string, userId: string): IdentityEvent {
	return {
		schemaVersion: 1,
		id: `evt-${userId}`,
		occurredAt: new Date().toISOString(),
		source: { idp, tenant, eventType: 'test', eventIds: [`evt-${userId}`] },
		type: 'user.updated',
		user: { id: userId, attributes: {} },
	};
}

/** The user with its groups sorted by ID, to compare memberships listed in different orders. */
export function sortedGroups(user: IdentityUser): IdentityUser {
	return { ...user, groups: [...(user.groups ?? [])].sort((a, b) => a.id.localeCompare(b.id)) };
}
