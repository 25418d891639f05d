import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { AUTH0_CREDENTIAL } from '../IdpEventTrigger/providers/auth0/auth0.api';
import { ENTRA_CREDENTIAL } from '../IdpEventTrigger/providers/entra/entra.api';
import { OKTA_CREDENTIAL } from '../IdpEventTrigger/providers/okta/okta.api';
import { onlyFor } from '../shared/n8n/selectorCredentials';
import { inWords, operationSubtitle, optionNames } from '../shared/n8n/subtitle';
import { IDP_NAMES, providerProperty, type DirectoryIdp } from './actions/provider';
import { router } from './actions/router';
import { versionProperties } from './actions/versionDescription';

const idps = Object.keys(IDP_NAMES) as DirectoryIdp[];
const CREDENTIALS: Record<DirectoryIdp, string> = {
	okta: OKTA_CREDENTIAL,
	auth0: AUTH0_CREDENTIAL,
	entra: ENTRA_CREDENTIAL,
};

export class IdpDirectory implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IdP Directory',
		name: 'idpDirectory',
		icon: { light: 'file:idpDirectory.svg', dark: 'file:idpDirectory.dark.svg' },
		group: ['input'],
		version: 1,
		// "Okta: Get many users"
		subtitle: `={{ ${inWords('$parameter["provider"]', optionNames(providerProperty))} + ": " + ${operationSubtitle(versionProperties)} }}`,
		description:
			"Reads an identity provider's whole directory (users with their groups, or groups) for reconciling MFA providers against it",
		defaults: { name: 'IdP Directory' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Hide rules keep the Identity Provider selector a parameter (see onlyFor).
		credentials: idps.map((idp) => ({
			name: CREDENTIALS[idp],
			required: true,
			displayOptions: { hide: onlyFor('provider', idps, [idp]) },
		})),
		properties: versionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
