import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CompiledDocument } from '../../../shared/mapping';
import type { IdentityEvent } from '../../../shared/model';
import { groupAllowlist, parseNameList } from '../../sync/allowlist';
import { applyIdentityEvent, eventLookupKeys, type ApplyOptions } from '../../sync/applyEvent';
import { settingsApplyOptions, type ApplySettings } from '../../sync/applyOptions';
import type { ResetTrigger } from '../../sync/factors';
import {
	mappingReport,
	outOfScope,
	profileApplyOptions,
	profileForEvent,
} from '../../sync/profileMapping';
import { defineItemOperation } from '../common/defineOperation';
import { readIdentityEvent } from '../common/eventInput';
import { mappingFields } from '../common/mappingFields';
import {
	aliasSlotOption,
	createMissingGroupsOption,
	dryRunOption,
	groupAllowlistOption,
	groupCacheMaxAgeOption,
	itemScope,
	optionsCollection,
	readIdentityMapping,
	readOptions,
	sendEnrollmentEmailOption,
	strictOption,
	usernameSourceFields,
} from '../common/options';
import { loadItemProfiles } from '../common/profileInput';

const properties: INodeProperties[] = [
	{
		displayName:
			"Each input item must be a normalized identity event, as the IdP Event Trigger outputs. Users are created or updated, disabled, enabled or deleted, group memberships and groups follow the IdP, and an MFA reset removes the user's Duo devices. Replaying an event changes nothing.",
		name: 'applyNotice',
		type: 'notice',
		default: '',
	},
	...mappingFields,
	...usernameSourceFields,
	optionsCollection([
		aliasSlotOption,
		{ ...createMissingGroupsOption, default: true },
		dryRunOption,
		groupAllowlistOption,
		groupCacheMaxAgeOption,
		{
			displayName: 'On User Deleted',
			name: 'onUserDeleted',
			type: 'options',
			default: 'delete',
			description: 'What a user deleted in the IdP becomes in Duo',
			options: [
				{ name: 'Delete the Duo User', value: 'delete' },
				{ name: 'Disable the Duo User', value: 'disable' },
			],
		},
		{
			displayName: 'Reset On',
			name: 'resetOn',
			type: 'options',
			default: 'anyReset',
			description: "Which IdP MFA resets remove the user's Duo devices",
			options: [
				{ name: 'Any MFA Reset', value: 'anyReset' },
				{
					name: 'Duo Factor Reset',
					value: 'duoFactorReset',
					description:
						'Only a reset of all factors, or of a factor whose provider, type or name is Duo',
				},
			],
		},
		sendEnrollmentEmailOption,
		strictOption,
	]),
];

function readApplySettings(ctx: IExecuteFunctions, itemIndex: number): ApplySettings {
	const options = readOptions(ctx, itemIndex);
	return {
		mapping: readIdentityMapping(ctx, itemIndex),
		createMissingGroups: options.createMissingGroups !== false,
		onUserDeleted: options.onUserDeleted === 'disable' ? 'disable' : 'delete',
		resetTrigger: (options.resetOn ?? 'anyReset') as ResetTrigger,
		sendEnrollmentEmail: options.sendEnrollmentEmail === true,
		allowed: groupAllowlist(parseNameList(options.groupAllowlist ?? '')),
	};
}

interface ApplyInput {
	event: IdentityEvent;
	options: ApplyOptions;
	/** Why the mapping profile leaves the event out. */
	skip?: string;
	/** The `mapping` part of the output, when a profile applies. */
	report?: IDataObject;
}

function prepareEvent(
	event: IdentityEvent,
	settings: ApplySettings,
	document: CompiledDocument | undefined,
): ApplyInput {
	if (!document) return { event, options: settingsApplyOptions(settings) };
	const mapped = profileForEvent(document, event);
	const report = mappingReport(mapped);
	const skip = outOfScope(mapped, event.source.tenant);
	if (skip !== undefined || !mapped.profile || !mapped.rendered) {
		return { event, options: settingsApplyOptions(settings), skip, report };
	}
	return {
		event,
		options: profileApplyOptions(settings, mapped.profile, mapped.rendered),
		report,
	};
}

export const { description, execute } = defineItemOperation<ApplyInput>(
	{ resource: 'identityEvent', operation: 'apply' },
	properties,
	async ({ ctx, directory, items }) => {
		const documents = await loadItemProfiles(ctx, items);
		return {
			prepare: (itemIndex) => {
				const event = readIdentityEvent(ctx, items, itemIndex);
				const input = prepareEvent(event, readApplySettings(ctx, itemIndex), documents[itemIndex]);
				return {
					input,
					lookup: { keys: input.skip === undefined ? eventLookupKeys(event, input.options) : [] },
				};
			},
			run: async ({ event, options, skip, report }, itemIndex) => {
				const result =
					skip === undefined
						? await applyIdentityEvent(directory, itemScope(ctx, itemIndex), event, options)
						: { action: 'skipped', reason: skip, eventId: event.id, eventType: event.type };
				return report ? { ...result, mapping: report } : result;
			},
		};
	},
);
