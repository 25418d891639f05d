import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { mapGroupName, type CompiledDocument } from '../../../mapping';
import type { IdentityEvent } from '../../../model';
import { userAnchors } from '../../anchors';
import { desiredFromRendered, type IdentityMapping } from '../../desiredUser';
import type { MfaCapabilities } from '../../port';
import { outOfScope, profileForEvent, type EventProfile } from '../../profiles';
import { defineItemOperation } from '../defineOperation';
import { readIdentityEvent } from '../eventInput';
import { previewMappingFields } from '../mappingFields';
import { readIdentityMapping, readOptions, usernameSourceFields } from '../options';
import { loadItemProfiles } from '../profileInput';
import { anchorFieldOf, type MfaNodeProvider, type MfaOperation } from '../provider';

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

/** What Apply would take from the event under the profile, without any call to the provider. */
export function previewEvent(
	event: IdentityEvent,
	document: CompiledDocument,
	fallback: IdentityMapping,
	capabilities: MfaCapabilities,
): IDataObject {
	const mapped = profileForEvent(document, event);
	const rendered = mapped.rendered;
	const skip = outOfScope(mapped, event.source.tenant);
	const attributes: IDataObject = {};
	for (const [field, value] of Object.entries(rendered?.attributes ?? {})) attributes[field] = value.trim();
	const desired =
		rendered && 'user' in event
			? desiredFromRendered(
					event.user,
					rendered,
					fallback,
					capabilities.anchorFields,
					userAnchors({ idp: event.source.idp, tenant: event.source.tenant, id: event.user.id }),
				)
			: undefined;
	return {
		eventType: event.type,
		eventId: event.id,
		tenantProfile: mapped.profile ? mapped.tenantProfile : null,
		username: desired?.username ?? null,
		attributes,
		...(desired?.anchor ? { anchor: { field: desired.anchor.field, value: desired.anchor.values[0] } } : {}),
		groups: previewGroups(mapped, event),
		verdict: skip === undefined ? { allowed: true, reason: rendered?.verdict.reason ?? '' } : { allowed: false, reason: skip },
		missing: rendered?.missing ?? [],
	};
}

interface PreviewInput {
	event: IdentityEvent;
	document: CompiledDocument;
	fallback: IdentityMapping;
}

/** Preview Mapping: renders a profile against each input event, without calling the provider. */
export function previewMappingOperation(provider: MfaNodeProvider): MfaOperation {
	const name = provider.capabilities.provider;
	const properties: INodeProperties[] = [
		{
			displayName: `Shows what a mapping profile makes of each input event (username, ${name} fields, groups and the rule verdict) without calling ${name}`,
			name: 'previewNotice',
			type: 'notice',
			default: '',
		},
		...previewMappingFields(provider.sampleProfile),
		...usernameSourceFields(name, provider.usernameSource),
	];
	return defineItemOperation<PreviewInput>(
		{ resource: 'identityEvent', operation: 'previewMapping' },
		properties,
		async ({ ctx, items }) => {
			const documents = await loadItemProfiles(ctx, items, provider.capabilities);
			return {
				prepare: (itemIndex) => {
					const document = documents[itemIndex];
					if (!document) {
						throw new NodeOperationError(ctx.getNode(), 'Choose a profile in the "Mapping" field', { itemIndex });
					}
					const anchorField = anchorFieldOf(provider, readOptions(ctx, itemIndex));
					return {
						input: {
							event: readIdentityEvent(ctx, items, itemIndex),
							document,
							fallback: readIdentityMapping(ctx, itemIndex, anchorField, provider.usernameSource),
						},
					};
				},
				run: async ({ event, document, fallback }) => previewEvent(event, document, fallback, provider.capabilities),
			};
		},
	);
}
