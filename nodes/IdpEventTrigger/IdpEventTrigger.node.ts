import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './description';
import { readSelectedEvents, readTriggerOptions } from './options';
import { readWindow, recordSeen } from './pipeline/dedupe';
import { processDelivery } from './pipeline/processDelivery';
import type { InboundRequest } from './pipeline/request';
import { OKTA_CREDENTIAL, oktaOrgUrl } from './providers/okta/okta.api';
import { enrichOktaEvents } from './providers/okta/okta.enrich';
import {
	createOktaHook,
	deleteOktaHook,
	oktaHookExists,
	type OktaHookState,
} from './providers/okta/okta.registration';
import { oktaSource } from './providers/okta/okta.source';

function isAutomatic(context: IHookFunctions | IWebhookFunctions): boolean {
	return context.getNodeParameter('registration', 'automatic') === 'automatic';
}

async function sharedSecret(this: IWebhookFunctions, state: OktaHookState): Promise<string | undefined> {
	if (isAutomatic(this)) return state.hookSecret;
	const credentials = await this.getCredentials<{ eventHookSecret?: string }>(OKTA_CREDENTIAL);
	return credentials.eventHookSecret || undefined;
}

export class IdpEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IdP Event Trigger',
		name: 'idpEventTrigger',
		icon: { light: 'file:idpEventTrigger.svg', dark: 'file:idpEventTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["provider"] + ": " + $parameter["events"].length + " event types"}}',
		description:
			'Starts the workflow when users, groups or MFA enrollments change in your identity provider, as verified, normalized identity events',
		defaults: { name: 'IdP Event Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: OKTA_CREDENTIAL, required: true, displayOptions: { show: { provider: ['okta'] } } }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'events' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'events' },
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				const state = this.getWorkflowStaticData('node') as OktaHookState;
				return await oktaHookExists(
					this,
					state,
					this.getNodeWebhookUrl('default') as string,
					readSelectedEvents(this.getNodeParameter('events')),
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				const selected = readSelectedEvents(this.getNodeParameter('events'));
				if (selected.length === 0) {
					throw new NodeOperationError(this.getNode(), 'Select at least one event in Trigger On');
				}
				const state = this.getWorkflowStaticData('node') as OktaHookState;
				await createOktaHook(
					this,
					state,
					this.getNodeWebhookUrl('default') as string,
					selected,
					`n8n IdP MFA Sync: ${this.getWorkflow().name ?? this.getWorkflow().id}`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				const state = this.getWorkflowStaticData('node') as OktaHookState;
				try {
					await deleteOktaHook(this, state);
				} catch (error) {
					this.logger.warn(`Could not remove the Okta event hook ${state.hookId ?? ''}: ${(error as Error).message}`);
					return false;
				}
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const staticData = this.getWorkflowStaticData('node');
		const options = readTriggerOptions(this.getNodeParameter('options', {}) as IDataObject);
		const request: InboundRequest = {
			method: req.method,
			headers: req.headers,
			query: req.query as Record<string, unknown>,
			rawBody: req.rawBody,
			contentType: req.headers['content-type'],
		};
		const isHandshake = this.getWebhookName() === 'setup';
		const windowMs = options.dedupeWindowMinutes * 60_000;
		const result = processDelivery(oktaSource, request, {
			secret: isHandshake ? undefined : await sharedSecret.call(this, staticData as OktaHookState),
			selected: readSelectedEvents(this.getNodeParameter('events')),
			tenant: isHandshake ? '' : new URL(await oktaOrgUrl(this)).host,
			includeRaw: options.includeRaw,
			window: windowMs > 0 ? readWindow(staticData) : undefined,
			windowMs,
			now: Date.now(),
		});

		res.status(result.reply.status).type(result.reply.contentType).send(result.reply.body);
		if (result.kind === 'rejected') this.logger.warn(`IdP Event Trigger: ${result.log}`);
		if (result.kind !== 'accepted') return { noWebhookResponse: true };

		this.logger.info('IdP Event Trigger: delivery accepted', { ...result.summary });
		if (result.events.length === 0) return { noWebhookResponse: true };

		if (options.enrich) {
			await enrichOktaEvents(this, result.events, { includeGroups: options.includeGroups });
		} else {
			for (const event of result.events) event.enrichment = { status: 'off' };
		}
		if (windowMs > 0) {
			recordSeen(readWindow(staticData), result.events.flatMap((event) => event.source.eventIds), Date.now(), windowMs);
		}
		return {
			noWebhookResponse: true,
			workflowData: [this.helpers.returnJsonArray(result.events as unknown as IDataObject[])],
		};
	}
}
