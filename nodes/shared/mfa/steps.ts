import type { IDataObject } from 'n8n-workflow';

import type { GroupQuery, MfaDevice, MfaGroup, MfaUser, NewUser, UserChanges } from './port';

/** A group an earlier step of the same plan creates, by its name. */
export interface NewGroupRef {
	newGroup: string;
}

export type GroupTarget = MfaGroup | NewGroupRef;

export const isNewGroup = (group: GroupTarget): group is NewGroupRef => 'newGroup' in group;

/**
 * One change a plan makes, in provider-neutral terms. `user: 'new'` refers to the user an earlier
 * step of the same plan creates.
 */
export type PlannedStep =
	| { op: 'createUser'; user: NewUser }
	| { op: 'updateUser'; user: MfaUser | 'new'; changes: UserChanges }
	| { op: 'deleteUser'; user: MfaUser }
	| { op: 'createGroup'; group: { name: string; description?: string } }
	| {
			op: 'updateGroup';
			group: MfaGroup;
			changes: { name?: string; description?: string };
			requery?: GroupQuery;
	  }
	| { op: 'deleteGroup'; group: MfaGroup; requery?: GroupQuery }
	| {
			op: 'addMember';
			user: MfaUser | 'new';
			group: GroupTarget;
			/** When the group turns out gone on write: create it under this name and add again. */
			recreate?: { name: string; description?: string };
	  }
	| { op: 'removeMember'; user: MfaUser; group: MfaGroup }
	| { op: 'removeDevice'; user: MfaUser; device: MfaDevice }
	| { op: 'sendEnrollment'; user: MfaUser; email: string };

const userLabel = (user: MfaUser | 'new') => (user === 'new' ? '(new user)' : user.username);
const groupLabel = (group: GroupTarget) => (isNewGroup(group) ? group.newGroup : group.name);

/** A step as output JSON, for Dry Run. */
export function stepJson(step: PlannedStep): IDataObject {
	switch (step.op) {
		case 'createUser':
			return {
				op: step.op,
				username: step.user.username,
				fields: { ...step.user.fields },
				...(step.user.status ? { status: step.user.status } : {}),
			};
		case 'updateUser': {
			const changes: IDataObject = { ...step.changes };
			delete changes.watermark;
			return { op: step.op, username: userLabel(step.user), changes };
		}
		case 'deleteUser':
			return { op: step.op, username: step.user.username, userId: step.user.id };
		case 'createGroup':
			return { op: step.op, groupName: step.group.name };
		case 'updateGroup':
			return { op: step.op, groupName: step.group.name, changes: { ...step.changes } };
		case 'deleteGroup':
			return { op: step.op, groupName: step.group.name, groupId: step.group.id };
		case 'addMember':
		case 'removeMember':
			return { op: step.op, username: userLabel(step.user), groupName: groupLabel(step.group) };
		case 'removeDevice':
			return { op: step.op, username: step.user.username, device: { ...step.device } };
		case 'sendEnrollment':
			return { op: step.op, username: step.user.username, email: step.email };
	}
}
