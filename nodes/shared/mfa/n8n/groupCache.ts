import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { executionOptions } from './options';

export const GROUP_CACHE_MAX_AGE_DEFAULT = 60;

export function groupCacheMaxAgeOption(provider: string): INodeProperties {
	return {
		displayName: 'Group Cache Max Age (Minutes)',
		name: 'groupCacheMaxAge',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: GROUP_CACHE_MAX_AGE_DEFAULT,
		description: `How long each n8n process keeps the list of ${provider} groups (ID, name, description) in memory, so later executions look groups up without listing them. A group name it does not know is always looked up in ${provider} before a group is created. 0 lists groups once per execution.`,
	};
}

/** The execution's group cache age from the first item's options. */
export function readGroupCacheMaxAge(ctx: IExecuteFunctions): number {
	const maxAge = Number(executionOptions(ctx).groupCacheMaxAge ?? GROUP_CACHE_MAX_AGE_DEFAULT);
	return Number.isFinite(maxAge) && maxAge >= 0 ? maxAge : GROUP_CACHE_MAX_AGE_DEFAULT;
}
