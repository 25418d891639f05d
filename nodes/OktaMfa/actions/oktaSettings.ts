import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	OKTA_DEFAULT_SETTINGS,
	type OktaDisableBy,
	type OktaNewUserProvider,
	type OktaResetBy,
	type OktaSettings,
} from '../client/OktaMfaDirectory';

const shownFor = (operations: string[]) => ({
	show: { resource: ['user', 'identityEvent', 'directory'], operation: operations },
});

/** How this node changes Okta where Okta offers more than one way; read from the first item. */
export const oktaSettingsProperties: INodeProperties[] = [
	{
		displayName: 'Disable By',
		name: 'disableBy',
		type: 'options',
		default: 'suspend',
		description: 'How a user is disabled in Okta',
		displayOptions: shownFor(['disable', 'upsert', 'apply', 'reconcile']),
		options: [
			{
				name: 'Suspend',
				value: 'suspend',
				description: 'Reversible: the user keeps its apps and groups and cannot sign in until unsuspended',
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				description: "Destructive: Okta deprovisions the user's app assignments; enabling activates the user again",
			},
		],
	},
	{
		displayName: 'Reset By',
		name: 'resetBy',
		type: 'options',
		default: 'resetFactors',
		description: "How a reset removes the user's Okta factors",
		displayOptions: shownFor(['resetEnrollment', 'apply']),
		options: [
			{
				name: 'Reset All Factors',
				value: 'resetFactors',
				description: 'One call (lifecycle/reset_factors) returns every factor to unenrolled',
			},
			{ name: 'Delete Each Factor', value: 'eachFactor', description: 'One DELETE per factor listed by /factors' },
			{
				name: 'Delete Each Authenticator Enrollment',
				value: 'eachEnrollment',
				description: 'Identity Engine: one DELETE per authenticator enrollment except the password',
			},
		],
	},
	{
		displayName: 'New Users Sign In With',
		name: 'newUsers',
		type: 'options',
		default: 'FEDERATION',
		description: 'How users this node creates in Okta authenticate',
		displayOptions: shownFor(['upsert', 'apply', 'reconcile']),
		options: [
			{
				name: 'Federation (IdP Signs Them In)',
				value: 'FEDERATION',
				description: 'Created with the FEDERATION provider: active at once, no Okta password',
			},
			{
				name: 'Okta Credentials',
				value: 'OKTA',
				description: 'Created without a password: PROVISIONED until they activate their account',
			},
		],
	},
];

export function readOktaSettings(ctx: IExecuteFunctions, anchorField: string): OktaSettings {
	const read = <T>(name: string, fallback: T) =>
		(ctx.getInputData().length > 0 ? (ctx.getNodeParameter(name, 0, fallback) as T) : fallback);
	return {
		anchorField,
		disableBy: read<OktaDisableBy>('disableBy', OKTA_DEFAULT_SETTINGS.disableBy),
		resetBy: read<OktaResetBy>('resetBy', OKTA_DEFAULT_SETTINGS.resetBy),
		newUsers: read<OktaNewUserProvider>('newUsers', OKTA_DEFAULT_SETTINGS.newUsers),
	};
}
