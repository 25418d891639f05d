import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { mapGroupName, type CompiledDocument } from '../../../shared/mapping';
import type { IdentityEvent } from '../../../shared/model';
import {
	desiredFromRendered,
	outOfScope,
	profileForEvent,
	type EventProfile,
} from '../../sync/profileMapping';
import type { IdentityMapping } from '../../sync/userProfile';
import { defineItemOperation } from '../common/defineOperation';
import { readIdentityEvent } from '../common/eventInput';
import { previewMappingFields } from '../common/mappingFields';
import { readIdentityMapping, usernameSourceFields } from '../common/options';
import { loadItemProfiles } from '../common/profileInput';

const properties: INodeProperties[] = [
	{
		displayName:
			'Shows what a mapping profile makes of each input event (username, Duo fields, groups and the rule verdict) without calling Duo',
		name: 'previewNotice',
		type: 'notice',
		default: '',
	},
	...previewMappingFields,
	...usernameSourceFields,
];

/** The user's groups as the profile maps them, plus the event's own group when it has one. */
function previewGroups(mapped: EventProfile, event: IdentityEvent): IDataObject[] {
	const groups: IDataObject[] = [...(mapped.rendered?.groups ?? [])];
	if ('group' in event && mapped.profile) {
		const idpName = event.group.name ?? event.group.id;
		if (!groups.some((group) => group.idpName === idpName)) {
			groups.push({ idpName, ...mapGroupName(mapped.profile.groups, idpName) });
		}
	}
	return groups;
}

/** What Apply would take from the event under the profile, without any Duo call. */
export function previewEvent(
	event: IdentityEvent,
	document: CompiledDocument,
	fallback: IdentityMapping,
): IDataObject {
	const mapped = profileForEvent(document, event);
	const rendered = mapped.rendered;
	const skip = outOfScope(mapped, event.source.tenant);
	const attributes: IDataObject = {};
	for (const [field, value] of Object.entries(rendered?.attributes ?? {})) {
		attributes[field] = value.trim();
	}
	return {
		tenantProfile: mapped.profile ? mapped.tenantProfile : null,
		username:
			rendered && 'user' in event
				? (desiredFromRendered(event.user, rendered, fallback).username ?? null)
				: null,
		attributes,
		groups: previewGroups(mapped, event),
		verdict:
			skip === undefined
				? { allowed: true, reason: rendered?.verdict.reason ?? '' }
				: { allowed: false, reason: skip },
		missing: rendered?.missing ?? [],
		eventId: event.id,
		eventType: event.type,
	};
}

interface PreviewInput {
	event: IdentityEvent;
	document: CompiledDocument;
	fallback: IdentityMapping;
}

export const { description, execute } = defineItemOperation<PreviewInput>(
	{ resource: 'identityEvent', operation: 'previewMapping' },
	properties,
	async ({ ctx, items }) => {
		const documents = await loadItemProfiles(ctx, items);
		return {
			prepare: (itemIndex) => {
				const document = documents[itemIndex];
				if (!document) {
					throw new NodeOperationError(ctx.getNode(), 'Choose a profile in the "Mapping" field', {
						itemIndex,
					});
				}
				return {
					input: {
						event: readIdentityEvent(ctx, items, itemIndex),
						document,
						fallback: readIdentityMapping(ctx, itemIndex),
					},
				};
			},
			run: async ({ event, document, fallback }) => previewEvent(event, document, fallback),
		};
	},
);
