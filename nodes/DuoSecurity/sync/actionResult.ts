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

/** What one item did to Duo: the output of every write operation. */
export interface ActionResult extends IDataObject {
	action: SyncAction;
	reason?: string;
	duoUserId?: string;
	duoGroupId?: string;
	eventId?: string;
	eventType?: string;
	changes?: IDataObject;
}

/** The item being processed: where errors point, and whether a missing target fails it. */
export interface ItemScope {
	node: INode;
	itemIndex: number;
	strict: boolean;
}

/**
 * A user or group named by the item does not exist in Duo: `skipped` normally, a failed item in
 * strict mode.
 */
export function targetNotFound(
	scope: ItemScope,
	kind: 'user' | 'group',
	label: string,
	extra: Partial<ActionResult> = {},
): ActionResult {
	if (scope.strict) {
		throw new NodeOperationError(scope.node, `No Duo ${kind} matches ${label}`, {
			itemIndex: scope.itemIndex,
			description: `Strict is on, so a ${kind} that does not exist in Duo fails the item instead of being skipped`,
		});
	}
	return { ...extra, action: 'skipped', reason: `${kind} not found` };
}
