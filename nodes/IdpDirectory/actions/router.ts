import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { itemError } from '../../shared/mfa/n8n/itemLoop';
import { auth0Directory } from '../directory/auth0/auth0Directory';
import { entraDirectory } from '../directory/entra/entraDirectory';
import { oktaDirectory } from '../directory/okta/oktaDirectory';
import { directoryProgress, type DirectoryProgress } from '../directory/progress';
import type { DirectoryReader } from '../directory/types';
import * as group from './group/Group.resource';
import type { DirectoryOperation, DirectoryResource } from './node.type';
import type { DirectoryIdp } from './provider';
import * as user from './user/User.resource';

const RESOURCES: Record<DirectoryResource, Record<string, DirectoryOperation>> = {
	user: user.operations,
	group: group.operations,
};

const READERS: Record<
	DirectoryIdp,
	(ctx: IExecuteFunctions, progress: DirectoryProgress) => Promise<DirectoryReader>
> = {
	auth0: auth0Directory,
	entra: entraDirectory,
	okta: oktaDirectory,
};

/**
 * Reads the directory once per execution, whatever the number of input items: the output is the
 * directory, not something per item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const provider = this.getNodeParameter('provider', 0) as DirectoryIdp;
	const resource = this.getNodeParameter('resource', 0) as DirectoryResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = RESOURCES[resource]?.[operation];
	const reader = READERS[provider];
	if (!selected || !reader) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported for "${provider}"`,
		);
	}
	try {
		return [await selected.execute(this, await reader(this, directoryProgress(this, provider)))];
	} catch (error) {
		if (!this.continueOnFail()) throw itemError(this.getNode(), error, 0);
		return [[{ json: { error: (error as Error).message }, pairedItem: { item: 0 } }]];
	}
}
