import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { IDENTITY_EVENT_SCHEMA_VERSION } from '../../../shared/model';
import type { DirectoryOperation } from '../node.type';

export const description: INodeProperties[] = [];

export const operation: DirectoryOperation = {
	description,
	async execute(_ctx, reader) {
		const { groups, observedAt } = await reader.readGroups();
		return groups.map((group) => ({
			json: {
				schemaVersion: IDENTITY_EVENT_SCHEMA_VERSION,
				type: 'directory.group',
				idp: reader.idp,
				tenant: reader.tenant,
				observedAt,
				group,
			} as unknown as IDataObject,
			pairedItem: { item: 0 },
		}));
	},
};
