import type { INodeProperties } from 'n8n-workflow';

import { IDENTITY_EVENT_TYPES, identityEventTypeOptions } from '../shared/model';
import { eventTypeList } from './eventTypeList';
import { DEFAULT_MAX_EVENTS_PER_DELIVERY } from './options';
import { OKTA_EVENT_MAP } from './providers/okta/okta.eventMap';
import { SSF_DIRECTORY_PARAMETER } from './providers/ssf/ssf.enrich';
import { SSF_EVENT_MAP, ssfEventUri } from './providers/ssf/ssf.eventMap';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Identity Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Auth0',
				value: 'auth0',
				description: 'Auth0 Log Streams (custom webhook) or Event Streams (CloudEvents)',
			},
			{
				name: 'Microsoft Entra ID',
				value: 'entra',
				description: 'Microsoft Graph change notifications for users and groups',
			},
			{
				name: 'Okta',
				value: 'okta',
				description: 'Okta Event Hooks (Classic Engine and Identity Engine)',
			},
			{
				name: 'Shared Signals (SSF)',
				value: 'ssf',
				description: 'CAEP and RISC Security Event Tokens pushed by a Shared Signals transmitter (RFC 8935)',
			},
		],
		default: 'okta',
	},
	{
		displayName: 'User Directory',
		name: SSF_DIRECTORY_PARAMETER,
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Auth0', value: 'auth0', description: "Look users up by the SET's iss_sub or opaque subject (the Auth0 user ID)" },
			{
				name: 'Microsoft Entra ID',
				value: 'entra',
				description: "Look users up by the SET's subject: ID, or email as userPrincipalName",
			},
			{ name: 'None', value: 'none', description: 'Emit what the SET carries' },
			{ name: 'Okta', value: 'okta', description: "Look users up by the SET's subject: ID, or email as login" },
		],
		default: 'none',
		description: "Where enrichment reads each user's profile; it uses that provider's credential",
		displayOptions: { show: { provider: ['ssf'] } },
	},
	{
		displayName: 'Registration',
		name: 'registration',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description:
					'Create, verify and activate the event hook in the identity provider when the workflow is published, and remove it when unpublished',
			},
			{
				name: 'Manual',
				value: 'manual',
				description:
					"Register the hook yourself with this node's production URL and the credential's Event Hook Secret",
			},
		],
		default: 'automatic',
	},
	{
		displayName: `In Okta, go to Workflow > Event Hooks > Create Event Hook. Use this node's production URL, the header name Authorization, and the Event Hook Secret from the credential as its value. Subscribe to the Okta event types of the events you select in Trigger On, then click Verify:${eventTypeList(OKTA_EVENT_MAP)}`,
		name: 'manualNoticeOkta',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'], provider: ['okta'] } },
	},
	{
		displayName:
			"In Auth0, go to Monitoring > Streams > Create Stream > Custom Webhook. Use this node's production URL as Payload URL, Content Format JSON Array, Content Type application/json, and the credential's Stream Token as Authorization Token. For Event Streams, create a webhook destination with bearer authorization set to the Stream Token.",
		name: 'manualNoticeAuth0',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'], provider: ['auth0'] } },
	},
	{
		displayName:
			"Create Microsoft Graph subscriptions on /users and /groups with changeType updated,deleted, notificationUrl and lifecycleNotificationUrl set to this node's production URL, and clientState set to the credential's Client State. Renew them before they expire (about 29 days).",
		name: 'manualNoticeEntra',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'], provider: ['entra'] } },
	},
	{
		displayName: `At the transmitter, create a push stream (POST to its configuration_endpoint) with delivery.method urn:ietf:rfc:8935, delivery.endpoint_url set to this node's production URL, delivery.authorization_header set to the credential's Authorization Secret (optional), and events_requested listing the event types of the events you select in Trigger On. Copy the stream's aud into the credential's Audience.${eventTypeList(SSF_EVENT_MAP, ssfEventUri)}`,
		name: 'manualNoticeSsf',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'], provider: ['ssf'] } },
	},
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		options: identityEventTypeOptions(),
		default: [...IDENTITY_EVENT_TYPES],
		required: true,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Duplicate Window (Minutes)',
				name: 'dedupeWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1440,
				description:
					'For how long an event ID that already started a workflow execution is ignored when delivered again. 0 turns duplicate suppression off.',
			},
			{
				displayName: 'Enrich From Identity Provider',
				name: 'enrich',
				type: 'boolean',
				default: true,
				description:
					"Whether to fetch each user's full profile from the identity provider after acknowledging the delivery (IdP events carry only IDs and a few names)",
			},
			{
				displayName: 'Include Groups',
				name: 'includeGroups',
				type: 'boolean',
				default: false,
				description: "Whether enrichment also fetches each user's groups (one more call per user)",
			},
			{
				displayName: 'Include Raw Event',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description:
					"Whether to add the identity provider's original event to each item as raw, without members that carry secrets (Graph's clientState, tokens, passwords)",
			},
			{
				displayName: 'Max Events per Delivery',
				name: 'maxEventsPerDelivery',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_EVENTS_PER_DELIVERY,
				description:
					'A delivery carrying more events than this is refused with HTTP 413 and starts no execution, so nothing of it is half-applied and no single execution grows too large for n8n to store and show. Identity providers send far fewer per delivery; raise it only if yours is refused.',
			},
		],
	},
];
