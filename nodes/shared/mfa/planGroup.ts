import { markerDescription } from './anchors';
import type { GroupIntent } from './intents';
import type { Plan } from './planUser';
import type { MfaGroup } from './port';
import { targetNotFound, type Change, type ItemScope } from './results';
import { newerThan } from './watermarks';

export interface GroupObservation {
	/** The group the intent names, found by marker first (delete: by marker only). */
	group?: MfaGroup;
	remembered?: number;
}

const groupIds = (group: MfaGroup) => ({ groupName: group.name, groupId: group.id });

/** A group the item named by its id is never exchanged for another group of the same name. */
const byIdOnly = (intent: GroupIntent) => (intent.query?.id ? { id: intent.query.id } : undefined);

function describe(group: MfaGroup, changes: { name?: string; description?: string }) {
	const diff: Record<string, Change> = {};
	if (changes.name !== undefined) diff.name = { from: group.name, to: changes.name };
	if (changes.description !== undefined) {
		diff.description = { from: group.description, to: changes.description };
	}
	return diff;
}

/**
 * Group lifecycle: create a group unless one carries the marker or the name, rename the group found
 * by its marker (else its previous or new name), and delete only a group that carries the IdP
 * tenant's marker, never one that merely has the same name. Each records the current marker in an
 * empty description, which claims the group for the IdP tenant.
 */
export function planGroup(intent: GroupIntent, observed: GroupObservation, scope: ItemScope): Plan {
	const newer = intent.ordering ? newerThan(intent.ordering.asOf, observed.remembered) : undefined;
	if (newer) {
		const reason = `stale: a newer change of this group (as of ${newer}) was already applied`;
		return { steps: [], result: { action: 'unchanged', reason, ...(observed.group ? groupIds(observed.group) : {}) } };
	}
	const { group } = observed;
	switch (intent.op) {
		case 'ensure': {
			if (!group) {
				const description = intent.description ?? intent.markers[0];
				const name = intent.name as string;
				return {
					steps: [{ op: 'createGroup', group: { name, ...(description ? { description } : {}) } }],
					result: { action: 'group_created', groupName: name, changes: { name: { from: null, to: name } } },
				};
			}
			const description = markerDescription(group, intent.markers);
			if (description === undefined) {
				return { steps: [], result: { action: 'unchanged', reason: 'group exists', ...groupIds(group) } };
			}
			return {
				steps: [{ op: 'updateGroup', group, changes: { description } }],
				result: { action: 'updated', ...groupIds(group), changes: describe(group, { description }) },
			};
		}
		case 'rename': {
			if (!group) {
				return { steps: [], result: targetNotFound(scope, 'group', intent.previousName ?? intent.name ?? '') };
			}
			const changes: { name?: string; description?: string } = {};
			const description = markerDescription(group, intent.markers);
			if (description !== undefined) changes.description = description;
			if (intent.name !== undefined && group.name !== intent.name) changes.name = intent.name;
			if (Object.keys(changes).length === 0) {
				return {
					steps: [],
					result: { action: 'unchanged', reason: 'group already has this name', ...groupIds(group) },
				};
			}
			return {
				steps: [{ op: 'updateGroup', group, changes, requery: byIdOnly(intent) }],
				result: {
					action: changes.name !== undefined ? 'group_renamed' : 'updated',
					...groupIds(group),
					...(changes.name ? { groupName: changes.name } : {}),
					changes: describe(group, changes),
				},
			};
		}
		case 'delete': {
			if (!group) {
				const result = targetNotFound(scope, 'group', intent.name ?? intent.markers[0] ?? '');
				if (intent.query) return { steps: [], result };
				return {
					steps: [],
					result:
						result.action === 'skipped'
							? {
									...result,
									reason:
										'group not found: no group carries this identity provider group\'s marker, and a group is deleted only when this tenant created or claimed it',
								}
							: result,
				};
			}
			return {
				steps: [{ op: 'deleteGroup', group, requery: byIdOnly(intent) }],
				result: { action: 'group_deleted', ...groupIds(group), changes: { name: { from: group.name, to: null } } },
			};
		}
	}
}
