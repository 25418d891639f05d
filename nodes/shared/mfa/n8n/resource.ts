import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { MfaOperation } from './provider';

export interface OperationEntry extends INodePropertyOptions {
	value: string;
	operation: MfaOperation;
}

/**
 * The Operation selector of one resource, and the operations' fields. As an AI agent's tool the
 * node offers only the operations that cannot remove access or data.
 */
export function resourceDescription(
	resource: string,
	defaultOperation: string,
	entries: OperationEntry[],
): INodeProperties[] {
	const option = (entry: OperationEntry): INodePropertyOptions => {
		const copy: Partial<OperationEntry> = { ...entry };
		delete copy.operation;
		return copy as INodePropertyOptions;
	};
	const safe = entries.filter((entry) => !entry.operation.destructive);
	const selector = (tool: boolean, options: OperationEntry[]): INodeProperties => {
		const fallback = options.some((entry) => entry.value === defaultOperation)
			? defaultOperation
			: options[0].value;
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource], '@tool': [tool] } },
			default: fallback,
			options: options.map(option),
		};
	};
	return [
		selector(false, entries),
		...(safe.length > 0 ? [selector(true, safe)] : []),
		...entries.flatMap((entry) => entry.operation.description),
	];
}

export function operationMap(entries: OperationEntry[]): Record<string, MfaOperation> {
	return Object.fromEntries(entries.map((entry) => [entry.value, entry.operation]));
}

/** The node's Resource selector; Identity Event first by default, as Apply is what most workflows use. */
export function resourceSelector(resources: INodePropertyOptions[], defaultResource = 'identityEvent'): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: defaultResource,
		options: [...resources].sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/** The Directory resource: Reconcile the provider with an identity provider's whole directory. */
export function directoryResource(
	provider: string,
	reconcile: MfaOperation,
): { operations: Record<string, MfaOperation>; description: INodeProperties[] } {
	const entries: OperationEntry[] = [
		{
			name: 'Reconcile',
			value: 'reconcile',
			description: `Bring ${provider} in line with an identity provider's whole directory: backfill, drift repair and orphans, planned before any write`,
			action: `Reconcile ${provider} with a directory`,
			operation: reconcile,
		},
	];
	return { operations: operationMap(entries), description: resourceDescription('directory', 'reconcile', entries) };
}
