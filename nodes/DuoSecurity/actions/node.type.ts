import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DuoDirectory } from '../client/DuoDirectory';

export type DuoResource = 'user' | 'group' | 'identityEvent';

/** One operation module: its UI fields and what it does with the items. */
export interface DuoOperation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		directory: DuoDirectory,
	): Promise<INodeExecutionData[]>;
}
