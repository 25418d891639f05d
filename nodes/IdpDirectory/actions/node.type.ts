import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DirectoryReader } from '../directory/types';

export type DirectoryResource = 'user' | 'group';

/** One operation of the node: its fields, and what it emits from one read of the directory. */
export interface DirectoryOperation {
	description: INodeProperties[];
	execute(ctx: IExecuteFunctions, reader: DirectoryReader): Promise<INodeExecutionData[]>;
}
