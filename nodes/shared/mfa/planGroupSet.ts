import { userIds, type Plan } from './planUser';
import type { MfaGroup, MfaUser } from './port';
import type { PlannedStep } from './steps';

export type GroupSetMode = 'set' | 'add' | 'remove';

/** A user's groups as a list of names says: set exactly (within what may be removed), add or remove. */
export interface GroupSetIntent {
	kind: 'groupSet';
	names: string[];
	mode: GroupSetMode;
	createMissing: boolean;
	/** Which of the user's current groups "set" may remove. */
	removable(group: MfaGroup): boolean;
	/** Names the allowlist left out, and names a mapping profile left out with the reason. */
	ignored: string[];
	excluded?: Array<{ name: string; reason: string }>;
}

export interface GroupSetObservation {
	user: MfaUser;
	/** The wanted groups that exist, by lower-cased name. */
	groups: Map<string, MfaGroup>;
}

const key = (name: string) => name.toLowerCase();

/** The membership changes that bring the user's groups in line with the list. */
export function planGroupSet(intent: GroupSetIntent, observed: GroupSetObservation): Plan {
	const { user } = observed;
	const memberOf = new Set(user.groups.map((group) => group.id));
	const listed = new Set(intent.names.map(key));
	const steps: PlannedStep[] = [];
	const report = {
		added: [] as string[],
		removed: [] as string[],
		created: [] as string[],
		missing: [] as string[],
		ignored: intent.ignored,
		...(intent.excluded ? { excluded: intent.excluded } : {}),
	};
	if (intent.mode !== 'remove') {
		for (const name of intent.names) {
			const group = observed.groups.get(key(name));
			if (group) {
				if (memberOf.has(group.id)) continue;
				steps.push({ op: 'addMember', user, group, ...(intent.createMissing ? { recreate: { name } } : {}) });
				report.added.push(group.name);
			} else if (intent.createMissing) {
				steps.push({ op: 'createGroup', group: { name } });
				steps.push({ op: 'addMember', user, group: { newGroup: name }, recreate: { name } });
				report.created.push(name);
				report.added.push(name);
			} else {
				report.missing.push(name);
			}
		}
	}
	if (intent.mode !== 'add') {
		for (const group of user.groups) {
			const isListed = listed.has(key(group.name));
			const drop = intent.mode === 'remove' ? isListed : !isListed && intent.removable(group);
			if (!drop) continue;
			steps.push({ op: 'removeMember', user, group });
			report.removed.push(group.name);
		}
	}
	const before = user.groups.map((group) => group.name);
	const removed = new Set(report.removed.map(key));
	const after = [...before.filter((name) => !removed.has(key(name))), ...report.added];
	const changed = report.added.length + report.removed.length > 0;
	return {
		steps,
		result: {
			action: changed ? 'updated' : 'unchanged',
			...userIds(user),
			...(changed ? { changes: { groups: { from: before, to: after } } } : {}),
			groups: report,
		},
	};
}
