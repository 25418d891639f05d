import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { parseIdentityEvent, type IdentityEvent } from '../../model';

/** The item's JSON as a normalized identity event (the output of the IdP Event Trigger). */
export function readIdentityEvent(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	itemIndex: number,
): IdentityEvent {
	const parsed = parseIdentityEvent(items[itemIndex].json);
	if (!parsed.ok) {
		throw new NodeOperationError(
			ctx.getNode(),
			'The input item is not a normalized identity event',
			{
				itemIndex,
				description: `Connect the IdP Event Trigger, or pass items in its event format. Details: ${parsed.message}`,
			},
		);
	}
	return parsed.event;
}
