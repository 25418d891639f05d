// The MFA providers bench/reconcile.js runs Directory › Reconcile against, each with the mix's starting Duo state
// as its own starting state: how to start its fake, run its node, count its calls, the fewest calls its API allows
// for the workload, and the end state checked against the directory as far as the provider can hold it.
'use strict';
require('../scripts/lib/register-ts');
const { IKEY, SKEY } = require('./mixRun');
const { PROVIDERS, pingOneCredentials, rsaCredentials } = require('./mfaProviders');
const { startFakeDuo } = require('../sandbox/duo/server');
const { executeNode } = require('../test/harness/engine.ts');
const { statusFor } = require('../nodes/shared/mfa/desiredUser.ts');
const { DuoSecurity } = require('../nodes/DuoSecurity/DuoSecurity.node.ts');
const { PingOneMfa } = require('../nodes/PingOneMfa/PingOneMfa.node.ts');
const { RsaSecurId } = require('../nodes/RsaSecurId/RsaSecurId.node.ts');
const { DuoAdminApi } = require('../credentials/DuoAdminApi.credentials.ts');
const { PingOneMfaApi } = require('../credentials/PingOneMfaApi.credentials.ts');
const { RsaSecurIdApi } = require('../credentials/RsaSecurIdApi.credentials.ts');

const DUO_USERS_PAGE = 300;
const DUO_GROUPS_PAGE = 100;
const PINGONE_PAGE = 1000;
const RSA_SEARCH_PAGE = 25;

/** Apply (not a dry run), removals above the threshold allowed, no request-rate cap of the node's own. */
const OPTIONS = { maxRequestsPerSecond: 0, allowLargeRemovals: true, retryBaseDelayMs: 200 };

const key = (value) => String(value ?? '').toLowerCase();
/** Whether a field the directory sets differs from what the provider holds. */
const differs = (want, have) => want !== undefined && want !== (have ?? '');

/** What the directory asks of each user: anchor, profile, status and group names; and the managed group names. */
function wanted(items, prefix) {
	const users = items.map(({ json: { user } }) => ({
		id: user.id,
		anchor: `${prefix}${user.id}`,
		login: user.login,
		email: user.email,
		givenName: user.givenName,
		familyName: user.familyName,
		formattedName: user.displayName || [user.givenName, user.familyName].filter(Boolean).join(' ') || undefined,
		status: statusFor(user.status),
		groups: new Set(user.groups.map((group) => group.name)),
	}));
	const managed = new Set(users.flatMap((user) => [...user.groups]));
	return { users, managed, ids: new Set(users.map((user) => user.id)) };
}

/** Adds and removals that make `has` (group names) exact among the managed groups. */
function membershipChanges(want, has, managed) {
	let changes = 0;
	for (const name of want.groups) if (!has.has(name)) changes += 1;
	for (const name of has) if (managed.has(name) && !want.groups.has(name)) changes += 1;
	return changes;
}

function membershipProblems(label, want, has, managed) {
	const problems = [];
	for (const name of want.groups) if (!has.has(name)) problems.push(`${label}: not in ${name}`);
	for (const name of has) if (managed.has(name) && !want.groups.has(name)) problems.push(`${label}: still in ${name}`);
	return problems;
}

/** Orphans (an anchor of this tenant for an IdP user the directory lacks) the default policy disables: one write each. */
const orphanWrites = (seeded, ids, prefix) =>
	seeded.filter((user) => key(user.anchor).startsWith(prefix) && !ids.has(user.anchor.slice(prefix.length)) && user.active).length;

/** Seeded users no directory user names must be left as they were. */
function untouchedProblems(seeded, matched, now) {
	const problems = [];
	for (const user of seeded) {
		if (matched.has(user.key)) continue;
		const after = now(user);
		if (!after) problems.push(`${user.key}: not in the directory, yet deleted`);
		else if (after.active !== user.active) problems.push(`${user.key}: not in the directory, yet its status changed`);
	}
	return problems;
}

async function runNode(node, credentialType, credentials, parameters, items) {
	const [out] = await executeNode({
		node,
		parameters: { resource: 'directory', operation: 'reconcile', dryRun: false, ...parameters, options: OPTIONS },
		items,
		credentials,
		credentialTypes: [credentialType],
	});
	return out[0].json;
}

const DUO = {
	name: 'Duo',
	async start(mix, rateLimit) {
		return await startFakeDuo({ ikey: IKEY, skey: SKEY, seed: mix.duo, rateLimit });
	},
	async reconcile(fake, items) {
		const credentials = { duoAdminApi: { integrationKey: IKEY, secretKey: SKEY, apiHostname: fake.url } };
		return await runNode(new DuoSecurity(), new DuoAdminApi(), credentials, { usernameSource: 'login' }, items);
	},
	counts: (fake) => ({ ...fake.counts(), token: 0 }),
	/** One paged user listing (groups included), one group listing, one POST per user change, one per membership. */
	minimum(mix, items, prefix) {
		const want = wanted(items, prefix);
		const byName = new Map(mix.duo.users.map((user) => [key(user.username), user]));
		const groupName = new Map(mix.duo.groups.map((group) => [group.group_id, group.name]));
		let writes = 0;
		for (const user of want.users) {
			const duo = byName.get(key(user.login));
			if (!duo) {
				writes += 1 + user.groups.size;
				continue;
			}
			if (duo.alias1 !== user.anchor || differs(user.familyName, duo.lastname) || differs(user.email, duo.email) || duo.status !== user.status) writes += 1;
			writes += membershipChanges(user, new Set(duo.groups.map((id) => groupName.get(id))), want.managed);
		}
		const seeded = mix.duo.users.map((user) => ({ anchor: user.alias1 ?? '', active: user.status === 'active' }));
		writes += orphanWrites(seeded, want.ids, prefix);
		const listing = Math.ceil(mix.duo.users.length / DUO_USERS_PAGE) + Math.ceil(mix.duo.groups.length / DUO_GROUPS_PAGE);
		return { calls: listing + writes, writes, listing };
	},
	endState(fake, mix, items, prefix) {
		const want = wanted(items, prefix);
		const byName = new Map(fake.snapshot().users.map((user) => [key(user.username), user]));
		const problems = [];
		for (const user of want.users) {
			const duo = byName.get(key(user.login));
			if (!duo) { problems.push(`${user.login}: missing`); continue; }
			if (duo.aliases.alias1 !== user.anchor) problems.push(`${user.login}: alias1 ${duo.aliases.alias1}`);
			if (differs(user.familyName, duo.lastname)) problems.push(`${user.login}: last name ${duo.lastname}`);
			if (differs(user.email, duo.email)) problems.push(`${user.login}: email ${duo.email}`);
			if (duo.status !== user.status) problems.push(`${user.login}: status ${duo.status}`);
			problems.push(...membershipProblems(user.login, user, new Set(duo.groupNames), want.managed));
		}
		const seeded = mix.duo.users.map((user) => ({ key: key(user.username), active: user.status === 'active' }));
		const now = (user) => byName.has(user.key) && { active: byName.get(user.key).status === 'active' };
		problems.push(...untouchedProblems(seeded, new Set(want.users.map((user) => key(user.login))), now));
		return problems;
	},
};

/** The PingOne users the mix's Duo account starts as (bench/mfaProviders.js seeds them so). */
function pingOneSeed(mix) {
	const groupName = new Map(mix.duo.groups.map((group) => [group.group_id, group.name]));
	return mix.duo.users.map((user) => ({
		key: key(user.username),
		username: user.username,
		anchor: user.alias1 ?? '',
		email: user.email,
		name: { given: user.firstname, family: user.lastname, formatted: user.realname },
		active: user.status === 'active',
		groups: new Set(user.groups.map((id) => groupName.get(id))),
	}));
}

const PINGONE = {
	name: 'PingOne MFA',
	start: async (mix, rateLimit) => await PROVIDERS.pingone.start(mix, { rateLimit }),
	async reconcile(fake, items) {
		return await runNode(new PingOneMfa(), new PingOneMfaApi(), pingOneCredentials(fake), { usernameSource: 'login' }, items);
	},
	counts: (fake) => fake.counts(),
	/**
	 * Listing: the users (1,000 a page), the groups (1,000 a page) and the members of each managed group
	 * (`memberOfGroups[id eq …]`, 1,000 a page; the API reads no user's groups in a listing). Writes: POST /users
	 * for a new user, PATCH /users/{id} for any profile drift (the anchor in externalId included), PUT …/enabled for
	 * a status change (PingOne takes `enabled` on no other call, a create included), one POST or DELETE per
	 * membership, POST /groups per missing group. The token is counted apart.
	 */
	minimum(mix, items, prefix) {
		const want = wanted(items, prefix);
		const seeded = pingOneSeed(mix);
		const byAnchor = new Map(seeded.filter((user) => user.anchor).map((user) => [key(user.anchor), user]));
		const byName = new Map(seeded.map((user) => [user.key, user]));
		const groups = new Set(mix.duo.groups.map((group) => group.name));
		const writes = { userCreates: 0, profilePatches: 0, enabledPuts: 0, memberships: 0, groupCreates: 0, orphans: 0 };
		for (const user of want.users) {
			const found = byAnchor.get(key(user.anchor)) ?? byName.get(key(user.login));
			if (!found) {
				writes.userCreates += 1;
				if (user.status !== 'active') writes.enabledPuts += 1;
				writes.memberships += user.groups.size;
				continue;
			}
			const drift =
				found.anchor !== user.anchor ||
				differs(user.login, found.username) ||
				differs(user.email, found.email) ||
				differs(user.givenName, found.name.given) ||
				differs(user.familyName, found.name.family) ||
				differs(user.formattedName, found.name.formatted);
			if (drift) writes.profilePatches += 1;
			if (found.active !== (user.status === 'active')) writes.enabledPuts += 1;
			writes.memberships += membershipChanges(user, found.groups, want.managed);
		}
		for (const name of want.managed) if (!groups.has(name)) writes.groupCreates += 1;
		writes.orphans = orphanWrites(seeded, want.ids, prefix);
		const members = new Map();
		for (const user of seeded) for (const name of user.groups) members.set(name, (members.get(name) ?? 0) + 1);
		const pages = (count) => Math.max(1, Math.ceil(count / PINGONE_PAGE));
		const listing = {
			users: pages(seeded.length),
			groups: pages(groups.size),
			members: [...groups].filter((name) => want.managed.has(name)).reduce((sum, name) => sum + pages(members.get(name) ?? 0), 0),
		};
		const listingCalls = listing.users + listing.groups + listing.members;
		const writeCalls = Object.values(writes).reduce((a, b) => a + b, 0);
		return { calls: listingCalls + writeCalls, writes: writeCalls, listing: listingCalls, listingDetail: listing, writeDetail: writes };
	},
	endState(fake, mix, items, prefix) {
		const want = wanted(items, prefix);
		const groupName = new Map([...fake.state.groups.values()].map((group) => [group.id, group.name]));
		const byName = new Map([...fake.state.users.values()].map((user) => [key(user.username), user]));
		const problems = [];
		for (const user of want.users) {
			const p1 = byName.get(key(user.login));
			if (!p1) { problems.push(`${user.login}: missing`); continue; }
			if (p1.externalId !== user.anchor) problems.push(`${user.login}: externalId ${p1.externalId}`);
			if (differs(user.email, p1.email)) problems.push(`${user.login}: email ${p1.email}`);
			if (differs(user.givenName, p1.name?.given)) problems.push(`${user.login}: given name ${p1.name?.given}`);
			if (differs(user.familyName, p1.name?.family)) problems.push(`${user.login}: family name ${p1.name?.family}`);
			if (differs(user.formattedName, p1.name?.formatted)) problems.push(`${user.login}: formatted name ${p1.name?.formatted}`);
			if (p1.enabled !== (user.status === 'active')) problems.push(`${user.login}: enabled ${p1.enabled}`);
			problems.push(...membershipProblems(user.login, user, new Set([...p1.groupIds].map((id) => groupName.get(id))), want.managed));
		}
		const now = (user) => byName.has(user.key) && { active: byName.get(user.key).enabled !== false };
		problems.push(...untouchedProblems(pingOneSeed(mix), new Set(want.users.map((user) => key(user.login))), now));
		return problems;
	},
};

/** The RSA users the mix's Duo account starts as, by email (bench/mfaProviders.js seeds them so). */
const rsaSeed = (mix) => mix.duo.users.map((user) => ({ key: key(user.email), active: user.status === 'active' }));

const RSA = {
	name: 'RSA SecurID',
	start: async (mix, rateLimit) => await PROVIDERS.rsa.start(mix, { rateLimit }),
	/** Users by email address, the node's default for RSA. */
	reconcile: async (fake, items) => await runNode(new RsaSecurId(), new RsaSecurIdApi(), rsaCredentials(fake), {}, items),
	counts: (fake) => fake.counts(),
	/**
	 * Listing: the v2 user search for "@", 25 a page; the answer has no total, so a full last page takes one
	 * more (empty) page to end. Writes: PUT …/userStatus per status change. RSA creates no users, changes no
	 * profiles and has no groups: directory users it lacks are skipped, other drift is not RSA's to repair.
	 */
	minimum(mix, items, prefix) {
		const want = wanted(items, prefix);
		const byEmail = new Map(rsaSeed(mix).map((user) => [user.key, user]));
		let writes = 0;
		let skipped = 0;
		for (const user of want.users) {
			const found = byEmail.get(key(user.email));
			if (!found) skipped += 1;
			else if (found.active !== (user.status === 'active')) writes += 1;
		}
		const listing = Math.floor(mix.duo.users.length / RSA_SEARCH_PAGE) + 1;
		return { calls: listing + writes, writes, listing, skipped };
	},
	endState(fake, mix, items, prefix, summary) {
		const want = wanted(items, prefix);
		const byEmail = new Map(fake.snapshot().users.map((user) => [key(user.emailAddress), user]));
		const seeded = rsaSeed(mix);
		const seededEmails = new Set(seeded.map((user) => user.key));
		const problems = [];
		let missing = 0;
		for (const user of want.users) {
			const rsa = byEmail.get(key(user.email));
			if (!seededEmails.has(key(user.email))) {
				missing += 1;
				if (rsa) problems.push(`${user.email}: created, though RSA takes users from its identity source`);
				continue;
			}
			if (!rsa) { problems.push(`${user.email}: missing`); continue; }
			const status = user.status === 'active' ? 'Enabled' : 'Disabled';
			if (rsa.userStatus !== status) problems.push(`${user.email}: status ${rsa.userStatus} ≠ ${status}`);
		}
		const skipped = Object.values(summary.skipped ?? {}).reduce((a, b) => a + b, 0);
		if (skipped !== missing) problems.push(`summary: ${skipped} skipped, but ${missing} directory users are not in RSA`);
		const now = (user) => byEmail.has(user.key) && { active: byEmail.get(user.key).userStatus === 'Enabled' };
		problems.push(...untouchedProblems(seeded, new Set(want.users.map((user) => key(user.email))), now));
		return problems;
	},
};

module.exports = { RECONCILE_PROVIDERS: { duo: DUO, pingone: PINGONE, rsa: RSA } };
