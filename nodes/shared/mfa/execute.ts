import type { MfaDirectory, MfaGroup, MfaUser, NewUser } from './port';
import { isNewGroup, type GroupTarget, type PlannedStep } from './steps';

/** What running a plan left behind. */
export interface Execution {
	/** The user the plan created (or found already created by a concurrent write). */
	createdUser?: MfaUser;
	/** Groups the plan created, by lower-cased name. */
	createdGroups: Map<string, MfaGroup>;
	/** Groups a step found gone from the provider (and could not recreate). */
	goneGroups: string[];
	/** Names of objects the plan meant to create that existed already. */
	existed: string[];
	/** Groups a step found gone on write and created again. */
	recreatedGroups: string[];
	/** The group the last group step reached (found again when its id was out of date). */
	reachedGroup?: MfaGroup;
}

const key = (name: string) => name.toLowerCase();

/** The fields and status of a planned user that a user created concurrently does not have yet. */
function missingFromExisting(planned: NewUser, existing: MfaUser) {
	const fields: Record<string, string> = {};
	for (const [field, value] of Object.entries(planned.fields)) {
		if ((existing.fields[field] ?? '') !== value && !existing.aliases.includes(value)) fields[field] = value;
	}
	const status = planned.status && planned.status !== existing.status ? planned.status : undefined;
	return { fields, status };
}

/**
 * Runs a plan's steps through the port, in order. An object the plan creates that exists already
 * (a concurrent execution created it, or an earlier attempt whose response was lost) is taken as
 * it is and brought to the planned state, so two first writes of the same user both succeed.
 */
export async function executePlan(port: MfaDirectory, steps: PlannedStep[]): Promise<Execution> {
	const execution: Execution = { createdGroups: new Map(), goneGroups: [], existed: [], recreatedGroups: [] };
	const userOf = (user: MfaUser | 'new'): MfaUser => {
		if (user !== 'new') return user;
		if (!execution.createdUser) throw new Error('A plan step refers to a user no earlier step created');
		return execution.createdUser;
	};
	const groupOf = (group: GroupTarget): MfaGroup => {
		if (!isNewGroup(group)) return group;
		const created = execution.createdGroups.get(key(group.newGroup));
		if (!created) throw new Error('A plan step refers to a group no earlier step created');
		return created;
	};
	for (const step of steps) {
		switch (step.op) {
			case 'createUser': {
				const outcome = await port.createUser(step.user);
				let user = outcome.value;
				if (outcome.existed) {
					execution.existed.push(step.user.username);
					const missing = missingFromExisting(step.user, user);
					if (Object.keys(missing.fields).length > 0 || missing.status) {
						user = await port.updateUser(user, {
							...(Object.keys(missing.fields).length > 0 ? { fields: missing.fields } : {}),
							...(missing.status ? { status: missing.status } : {}),
							...(step.user.watermark ? { watermark: step.user.watermark } : {}),
						});
					}
				}
				execution.createdUser = user;
				break;
			}
			case 'updateUser': {
				const updated = await port.updateUser(userOf(step.user), step.changes);
				if (step.user === 'new') execution.createdUser = updated;
				break;
			}
			case 'deleteUser':
				await port.deleteUser(step.user);
				break;
			case 'createGroup': {
				const outcome = await port.createGroup(step.group);
				if (outcome.existed) execution.existed.push(step.group.name);
				execution.createdGroups.set(key(step.group.name), outcome.value);
				break;
			}
			case 'updateGroup': {
				const updated = await port.updateGroup(step.group, step.changes, step.requery);
				if (updated) execution.reachedGroup = updated;
				else execution.goneGroups.push(step.group.name);
				break;
			}
			case 'deleteGroup': {
				const deleted = await port.deleteGroup(step.group, step.requery);
				if (deleted) execution.reachedGroup = deleted;
				else execution.goneGroups.push(step.group.name);
				break;
			}
			case 'addMember': {
				const user = userOf(step.user);
				let joined = await port.addToGroup(user, groupOf(step.group));
				if (!joined && step.recreate) {
					const outcome = await port.createGroup(step.recreate);
					execution.createdGroups.set(key(step.recreate.name), outcome.value);
					execution.recreatedGroups.push(step.recreate.name);
					joined = await port.addToGroup(user, outcome.value);
				}
				if (joined) execution.reachedGroup = joined;
				else execution.goneGroups.push(groupOf(step.group).name);
				break;
			}
			case 'removeMember':
				await port.removeFromGroup(step.user, step.group);
				break;
			case 'removeDevice':
				await port.removeDevice(step.user, step.device);
				break;
			case 'sendEnrollment':
				if (!port.sendEnrollment) throw new Error(`${port.capabilities.provider} has no enrollment email`);
				await port.sendEnrollment(step.user, step.email);
				break;
		}
	}
	return execution;
}
