import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { ProfileError, type CompiledDocument } from '../../mapping';
import type { MfaCapabilities } from '../port';
import { compileProviderProfile } from '../profiles';
import type { MappingSource } from './mappingFields';

export const PROFILE_CREDENTIAL = 'idpSyncProfileApi';

function problems(error: unknown): string {
	if (error instanceof ProfileError) {
		return error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
	}
	return (error as Error).message;
}

/**
 * Each item's mapping profile document, undefined with Mapping "None". Every profile is read and
 * validated before the node calls the MFA provider: an invalid profile stops the node before any write, with a
 * message naming each problem by its path.
 */
export async function loadItemProfiles(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	capabilities: MfaCapabilities,
): Promise<Array<CompiledDocument | undefined>> {
	const compiled = new Map<string, CompiledDocument>();
	const documents: Array<CompiledDocument | undefined> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const source = ctx.getNodeParameter('mapping', itemIndex, 'none') as MappingSource;
		if (source !== 'credential' && source !== 'json') {
			documents.push(undefined);
			continue;
		}
		const raw: unknown =
			source === 'credential'
				? (await ctx.getCredentials(PROFILE_CREDENTIAL, itemIndex)).profile
				: ctx.getNodeParameter('mappingProfile', itemIndex, '');
		const key = `${source}\n${typeof raw === 'string' ? raw : JSON.stringify(raw)}`;
		let document = compiled.get(key);
		if (!document) {
			try {
				document = compileProviderProfile(raw, capabilities);
			} catch (error) {
				throw new NodeOperationError(
					ctx.getNode(),
					`The mapping profile is not valid: ${problems(error)}`,
					{
						itemIndex,
						description: `${
							source === 'credential'
								? 'Correct the profile in the IdP Sync Profile API credential'
								: 'Correct the "Mapping Profile" field'
						} at the paths named. Nothing was written to ${capabilities.provider}.`,
					},
				);
			}
			compiled.set(key, document);
		}
		documents.push(document);
	}
	return documents;
}
