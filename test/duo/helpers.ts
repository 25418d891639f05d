import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { DuoAdminApi } from '../../credentials/DuoAdminApi.credentials';
import { IdpSyncProfileApi } from '../../credentials/IdpSyncProfileApi.credentials';
import { DuoSecurity } from '../../nodes/DuoSecurity/DuoSecurity.node';
import {
	parseIdentityEvent,
	type IdentityEvent,
	type IdentityUser,
} from '../../nodes/shared/model';
import {
	startFakeDuo,
	type FakeDuo,
	type FakeDuoSeedGroup,
	type FakeDuoSeedUser,
} from '../../sandbox/duo/server';
import { executeNode } from '../harness/engine';

/** The text of a mapping profile in examples/profiles. */
export function exampleProfile(file: string): string {
	return readFileSync(join(__dirname, '..', '..', 'examples', 'profiles', file), 'utf8');
}

/** Options that keep retries fast in tests. */
export const FAST = { retryBaseDelayMs: 1 };

export async function startDuo(seed?: {
	users?: FakeDuoSeedUser[];
	groups?: FakeDuoSeedGroup[];
}): Promise<FakeDuo> {
	return await startFakeDuo({ seed });
}

/** A Duo account with group `staff`, group `Old` (linked to Okta group 00gOLD) and `users`. */
export async function startStaffDuo(users: FakeDuoSeedUser[]): Promise<FakeDuo> {
	return await startDuo({
		groups: [{ name: 'staff' }, { name: 'Old', desc: 'idp:okta:00gOLD' }],
		users,
	});
}

/** The writes (every call but GETs) the fake received, as method, path and params. */
export function writesSent(fake: FakeDuo) {
	return fake.calls
		.filter((call) => call.method !== 'GET')
		.map(({ method, path, params }) => ({ method, path, params }));
}

export function duoCredentials(
	fake: FakeDuo,
	overrides: Partial<Record<'integrationKey' | 'secretKey' | 'apiHostname', string>> = {},
) {
	return {
		integrationKey: fake.ikey,
		secretKey: fake.skey,
		apiHostname: fake.url,
		...overrides,
	};
}

export interface RunOptions {
	continueOnFail?: boolean;
	credentials?: ReturnType<typeof duoCredentials>;
	/** The node's static data, shared by the executions that pass the same object. */
	staticData?: IDataObject;
	/** The `profile` of an IdP Sync Profile API credential (JSON text or an object). */
	profile?: string | IDataObject;
	/** Leave the Duo credential out, as n8n does where it is hidden. */
	withoutDuoCredential?: boolean;
	/** The node's type name, e.g. `…duoSecurityTool` when an AI agent uses it as a tool. */
	nodeType?: string;
}

/** Runs the Duo Security node once through n8n-core's execution context against the fake. */
export async function runDuo(
	fake: FakeDuo,
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	options: RunOptions = {},
): Promise<INodeExecutionData[]> {
	const credentials: Record<string, IDataObject> = {};
	if (!options.withoutDuoCredential) {
		credentials.duoAdminApi = options.credentials ?? duoCredentials(fake);
	}
	if (options.profile !== undefined) {
		credentials.idpSyncProfileApi = {
			profile:
				typeof options.profile === 'string' ? options.profile : JSON.stringify(options.profile),
		};
	}
	const [output] = await executeNode({
		node: new DuoSecurity(),
		parameters,
		items,
		credentials: credentials as Record<string, ICredentialDataDecryptedObject>,
		credentialTypes: [new DuoAdminApi(), new IdpSyncProfileApi()],
		continueOnFail: options.continueOnFail,
		staticData: options.staticData,
		nodeType: options.nodeType,
	});
	return output;
}

/** Runs Apply on the given events and returns the output JSON. */
export async function applyEvents(
	fake: FakeDuo,
	events: IdentityEvent[],
	options: IDataObject = {},
	extra: INodeParameters = {},
	run: RunOptions = {},
): Promise<IDataObject[]> {
	const output = await runDuo(
		fake,
		{ resource: 'identityEvent', operation: 'apply', options: { ...FAST, ...options }, ...extra },
		events.map((event) => ({ json: event as unknown as IDataObject })),
		run,
	);
	return output.map((item) => item.json);
}

let sequence = 0;

/** The tenant of the events the helpers build, unless `withTenant` says otherwise. */
let currentTenant = 'example.okta.com';

/** Builds events of another IdP tenant inside `build`. */
export function withTenant<T>(tenant: string, build: () => T): T {
	const previous = currentTenant;
	currentTenant = tenant;
	try {
		return build();
	} finally {
		currentTenant = previous;
	}
}

function envelope(type: string) {
	sequence += 1;
	return {
		schemaVersion: 1,
		id: `evt-${sequence}`,
		occurredAt: '2026-11-01T10:00:00.000Z',
		source: {
			idp: 'okta',
			tenant: currentTenant,
			eventType: type,
			eventIds: [`evt-${sequence}`],
		},
	};
}

function parsed(value: unknown): IdentityEvent {
	const result = parseIdentityEvent(value);
	if (!result.ok) throw new Error(result.message);
	return result.event;
}

export type TestUser = Partial<IdentityUser> & { id: string };

export const identity = (user: TestUser) => ({ attributes: {}, ...user });

export function userEvent(
	type:
		| 'user.created'
		| 'user.updated'
		| 'user.suspended'
		| 'user.reactivated'
		| 'user.deactivated'
		| 'user.deleted',
	user: TestUser,
): IdentityEvent {
	return parsed({ ...envelope(type), type, user: identity(user) });
}

export function membershipEvent(
	type: 'group.member_added' | 'group.member_removed',
	user: TestUser,
	group: { id: string; name?: string },
): IdentityEvent {
	return parsed({ ...envelope(type), type, user: identity(user), group });
}

export function groupEvent(
	type: 'group.created' | 'group.renamed' | 'group.deleted',
	group: { id: string; name?: string; previousName?: string },
): IdentityEvent {
	return parsed({ ...envelope(type), type, group });
}

export function mfaResetEvent(
	user: TestUser,
	mfa: { all: boolean; factors: Array<{ type: string; provider?: string; name?: string }> } = {
		all: true,
		factors: [],
	},
): IdentityEvent {
	return parsed({
		...envelope('user.mfa_reset'),
		type: 'user.mfa_reset',
		user: identity(user),
		mfa,
	});
}

/** A user with one device of every kind and two bypass codes, in group `staff`. */
export function enrolledUser(
	username: string,
	extra: Partial<FakeDuoSeedUser> = {},
): FakeDuoSeedUser {
	const tag = username.replace(/[^a-z0-9]/gi, '').toUpperCase();
	return {
		username,
		email: `${username}@example.com`,
		realname: 'Jane Doe',
		firstname: 'Jane',
		lastname: 'Doe',
		groups: [{ name: 'staff' }],
		phones: [
			{ phone_id: `DP${tag}1`, number: '+15555550100', activated: true },
			{ phone_id: `DP${tag}2` },
		],
		tokens: [{ token_id: `DH${tag}1`, type: 'yk' }],
		webauthncredentials: [{ webauthnkey: `WA${tag}1` }],
		u2ftokens: [{ registration_id: `U2${tag}1` }],
		bypass_codes: [`DB${tag}1`, `DB${tag}2`],
		...extra,
	};
}
