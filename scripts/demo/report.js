'use strict';

/** Text the demo prints: the sandbox Duo before and after, and what each execution did. */

/**
 * @typedef {import('../../sandbox/duo/server').FakeDuoSnapshot} FakeDuoSnapshot
 * @typedef {import('../../sandbox/duo/server').FakeDuoSnapshotUser} FakeDuoSnapshotUser
 */

/** @param {FakeDuoSnapshotUser} user */
function devicesOf(user) {
	const parts = [
		...user.phones.map(() => 'phone'),
		...user.tokens.map(() => 'token'),
		...user.webauthn.map(() => 'security key'),
		...user.u2f.map(() => 'U2F key'),
	];
	if (user.bypassCodes.length > 0) parts.push(`${user.bypassCodes.length} bypass code(s)`);
	return parts.length > 0 ? parts.join(', ') : 'none';
}

/** @param {FakeDuoSnapshotUser | undefined} user */
function describeUser(user) {
	if (!user) return undefined;
	return {
		status: user.status,
		groups: user.groupNames.join(', ') || '(none)',
		devices: devicesOf(user),
		name: user.realname,
		email: user.email,
	};
}

/**
 * One line per Duo user: status, groups and devices, with `before → after` where they changed.
 * @param {FakeDuoSnapshot} before
 * @param {FakeDuoSnapshot} after
 * @returns {string[]}
 */
function duoChanges(before, after) {
	const usernames = [
		...new Set([...before.users, ...after.users].map((user) => user.username)),
	].sort();
	/** @type {string[][]} */
	const rows = [['  user', 'status', 'groups', 'devices', 'name / email']];
	const notes = /** @type {string[]} */ ([]);
	for (const username of usernames) {
		const was = describeUser(before.users.find((user) => user.username === username));
		const now = describeUser(after.users.find((user) => user.username === username));
		if (!was && now) {
			rows.push([
				`+ ${username}`,
				now.status,
				now.groups,
				now.devices,
				`${now.name} / ${now.email}`,
			]);
			continue;
		}
		if (was && !now) {
			const trashed = after.trash.includes(username) ? ' (in Duo trash)' : '';
			rows.push([
				`- ${username}`,
				`deleted${trashed}`,
				`was ${was.groups}`,
				`was ${was.devices}`,
				'',
			]);
			continue;
		}
		if (!was || !now) continue;
		const cell = (/** @type {'status' | 'groups' | 'devices'} */ key) =>
			was[key] === now[key] ? now[key] : `${was[key]} → ${now[key]}`;
		const identity = `${now.name} / ${now.email}`;
		const wasIdentity = `${was.name} / ${was.email}`;
		const changed =
			was.status !== now.status ||
			was.groups !== now.groups ||
			was.devices !== now.devices ||
			identity !== wasIdentity;
		rows.push([
			`${changed ? '~' : ' '} ${username}`,
			cell('status'),
			cell('groups'),
			cell('devices'),
			identity === wasIdentity ? identity : `${wasIdentity} → ${identity}`,
		]);
	}
	const members = (/** @type {FakeDuoSnapshot} */ snapshot, /** @type {string} */ name) =>
		snapshot.users.filter((user) => user.groupNames.includes(name)).length;
	const groupNames = [
		...new Set([...before.groups, ...after.groups].map((group) => group.name)),
	].sort();
	const groupCells = groupNames.map((name) => {
		const was = before.groups.some((group) => group.name === name)
			? members(before, name)
			: undefined;
		const now = after.groups.some((group) => group.name === name)
			? members(after, name)
			: undefined;
		if (was === undefined) return `${name} (created, ${now} members)`;
		if (now === undefined) return `${name} (deleted)`;
		return was === now ? `${name} ${now}` : `${name} ${was} → ${now}`;
	});
	notes.push('', `groups (members): ${groupCells.join(', ')}`);
	return [...table(rows), ...notes];
}

/**
 * Left-aligned columns, two spaces apart.
 * @param {string[][]} rows
 */
function table(rows) {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	return rows.map((row) =>
		row
			.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
			.join('  ')
			.trimEnd(),
	);
}

/**
 * What the Duo node reported for each event of an execution, e.g. `user.created jane@… → created`.
 * @param {Array<{ json: Record<string, any> }>} items  the Duo node's output items
 * @param {Array<{ json: Record<string, any> }>} events the trigger's output items
 */
function actionLines(items, events) {
	return items.map((item, index) => {
		const event = events[index]?.json ?? {};
		const who = event.user?.login ?? event.group?.name ?? '';
		const group = event.group?.name && event.user ? ` (${event.group.name})` : '';
		const reason = item.json.reason ? `: ${item.json.reason}` : '';
		return `${item.json.eventType ?? event.type} ${who}${group} → ${item.json.action}${reason}`;
	});
}

module.exports = { actionLines, duoChanges, table };
