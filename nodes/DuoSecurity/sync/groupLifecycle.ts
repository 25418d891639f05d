import type { IDataObject } from 'n8n-workflow';

import type { DuoDirectory, GroupQuery } from '../client/DuoDirectory';
import { groupMarkers } from '../client/groupCache';
import type { DuoGroup } from '../client/duoObjects';
import { targetNotFound, type ActionResult, type ItemScope } from './actionResult';

/** A description change that records the IdP marker, when the description is empty. */
function markerChange(group: DuoGroup, marker: string | undefined): { desc?: string } {
	if (!marker || groupMarkers(group.desc).includes(marker) || (group.desc ?? '') !== '') return {};
	return { desc: marker };
}

function describe(group: DuoGroup, changes: { name?: string; desc?: string }): IDataObject {
	const diff: IDataObject = {};
	if (changes.name !== undefined) diff.name = { from: group.name, to: changes.name };
	if (changes.desc !== undefined) diff.desc = { from: group.desc ?? '', to: changes.desc };
	return diff;
}

/** A group named by its id is never exchanged for another group of the same name. */
const byIdOnly = (find: GroupQuery): GroupQuery | undefined =>
	find.id ? { id: find.id } : undefined;

/** Creates the group unless one with the marker or the name exists. */
export async function ensureGroup(
	directory: DuoDirectory,
	request: { name: string; marker?: string; desc?: string },
): Promise<ActionResult> {
	const existing = await directory.findGroup(
		{ marker: request.marker, name: request.name },
		{ markerFirst: true },
	);
	if (existing) {
		const changes = markerChange(existing, request.marker);
		if (!changes.desc)
			return { action: 'unchanged', reason: 'group exists', duoGroupId: existing.group_id };
		const diff = describe(existing, changes);
		const updated = await directory.updateGroup(existing, changes);
		if (updated) return { action: 'updated', duoGroupId: updated.group_id, changes: diff };
	}
	const desc = request.desc ?? request.marker;
	const created = await directory.createGroup({ name: request.name, ...(desc ? { desc } : {}) });
	return { action: 'group_created', duoGroupId: created.group_id, changes: { name: created.name } };
}

/**
 * Renames the group found by `find` (marker first, then its previous name) to `newName`; a group
 * that already carries the new name is left as it is.
 */
export async function renameGroup(
	directory: DuoDirectory,
	scope: ItemScope,
	request: { find: GroupQuery; newName: string; marker?: string },
): Promise<ActionResult> {
	const group =
		(await directory.findGroup(request.find, { markerFirst: true })) ??
		(await directory.findGroup({ name: request.newName }));
	if (!group)
		return targetNotFound(scope, 'group', request.find.name ?? request.find.id ?? request.newName);
	const changes: { name?: string; desc?: string } = markerChange(group, request.marker);
	if (group.name !== request.newName) changes.name = request.newName;
	if (Object.keys(changes).length === 0) {
		return {
			action: 'unchanged',
			reason: 'group already has this name',
			duoGroupId: group.group_id,
		};
	}
	const diff = describe(group, changes);
	const updated = await directory.updateGroup(group, changes, byIdOnly(request.find));
	if (!updated) return targetNotFound(scope, 'group', group.name);
	return {
		action: changes.name !== undefined ? 'group_renamed' : 'updated',
		duoGroupId: updated.group_id,
		changes: diff,
	};
}

export async function deleteGroup(
	directory: DuoDirectory,
	scope: ItemScope,
	find: GroupQuery,
): Promise<ActionResult> {
	const group = await directory.findGroup(find, { markerFirst: true });
	const label = find.name ?? find.id ?? find.marker ?? '';
	if (!group) return targetNotFound(scope, 'group', label);
	const deleted = await directory.deleteGroup(group, byIdOnly(find));
	if (!deleted) return targetNotFound(scope, 'group', label);
	return { action: 'group_deleted', duoGroupId: deleted.group_id, changes: { name: deleted.name } };
}
