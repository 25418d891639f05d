import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { AUTH0_DEFAULT_SETTINGS, type Auth0ResetBy, type Auth0Settings } from '../client/Auth0MfaDirectory';

const shownFor = (operations: string[]) => ({
	show: { resource: ['user', 'identityEvent', 'directory'], operation: operations },
});

/** How this node changes Auth0 where Auth0 offers more than one way; read from the first item. */
export const auth0SettingsProperties: INodeProperties[] = [
	{
		displayName: 'Connection',
		name: 'connection',
		type: 'string',
		default: 'Username-Password-Authentication',
		description:
			'The database connection users this node creates belong to. They get a random password they never learn, and sign in through your IdP or reset it.',
		displayOptions: shownFor(['upsert', 'apply', 'reconcile']),
	},
	{
		displayName: 'Reset By',
		name: 'resetBy',
		type: 'options',
		default: 'authenticators',
		description: "How a reset removes the user's authentication methods (the password always stays)",
		displayOptions: shownFor(['resetEnrollment', 'apply']),
		options: [
			{
				name: 'All Authenticators at Once, Then the Rest',
				value: 'authenticators',
				description: 'One DELETE of every Guardian factor (OTP, push, SMS, voice, email, recovery code), then one per other method (WebAuthn, passkey)',
			},
			{ name: 'Each Method', value: 'each', description: 'One DELETE per authentication method' },
		],
	},
];

export function readAuth0Settings(ctx: IExecuteFunctions, anchored: boolean): Auth0Settings {
	const read = <T>(name: string, fallback: T) =>
		(ctx.getInputData().length > 0 ? (ctx.getNodeParameter(name, 0, fallback) as T) : fallback);
	return {
		anchored,
		connection: read<string>('connection', AUTH0_DEFAULT_SETTINGS.connection).trim() || AUTH0_DEFAULT_SETTINGS.connection,
		resetBy: read<Auth0ResetBy>('resetBy', AUTH0_DEFAULT_SETTINGS.resetBy),
	};
}
