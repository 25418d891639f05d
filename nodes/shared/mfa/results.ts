import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

export type SyncAction =
	| 'created'
	| 'updated'
	| 'unchanged'
	| 'disabled'
	| 'enabled'
	| 'deleted'
	| 'reset'
	| 'group_added'
	| 'group_removed'
	| 'group_created'
	| 'group_renamed'
	| 'group_deleted'
	| 'skipped';

/** One changed value. Created objects change from null. */
export interface Change extends IDataObject {
	from: IDataObject[string];
	to: IDataObject[string];
}

/** What one item did to the MFA provider: the output of every write operation. */
export interface ActionResult extends IDataObject {
	action: SyncAction;
	reason?: string;
	username?: string;
	userId?: string;
	groupName?: string;
	groupId?: string;
	eventId?: string;
	eventType?: string;
	changes?: Record<string, Change>;
}

/** The item being processed: where errors point, and whether a missing target fails it. */
export interface ItemScope {
	node: INode;
	itemIndex: number;
	strict: boolean;
	provider: string;
}

/**
 * A user or group named by the item does not exist in the MFA provider: `skipped` normally, a
 * failed item in strict mode.
 */
export function targetNotFound(
	scope: ItemScope,
	kind: 'user' | 'group',
	label: string,
	extra: Partial<ActionResult> = {},
): ActionResult {
	if (scope.strict) {
		throw new NodeOperationError(scope.node, `No ${scope.provider} ${kind} matches ${label}`, {
			itemIndex: scope.itemIndex,
			description: `Strict is on, so a ${kind} that does not exist in ${scope.provider} fails the item instead of being skipped`,
		});
	}
	return { action: 'skipped', reason: `${kind} not found`, ...extra };
}

/** The result with `action` first and no empty `changes`, as output items show it. */
export function orderedResult(result: ActionResult): ActionResult {
	const { action, reason, eventType, eventId, username, userId, groupName, groupId, changes, ...rest } =
		result;
	const ordered: ActionResult = { action };
	if (reason !== undefined) ordered.reason = reason;
	if (eventType !== undefined) ordered.eventType = eventType;
	if (eventId !== undefined) ordered.eventId = eventId;
	if (username !== undefined) ordered.username = username;
	if (userId !== undefined) ordered.userId = userId;
	if (groupName !== undefined) ordered.groupName = groupName;
	if (groupId !== undefined) ordered.groupId = groupId;
	if (changes && Object.keys(changes).length > 0) ordered.changes = changes;
	return { ...ordered, ...rest };
}
