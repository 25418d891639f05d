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

import { IDENTITY_EVENT_TYPES } from '../shared/model';
import { inWords, optionNames } from '../shared/n8n/subtitle';
import { finishAcknowledged } from './afterAcknowledgement';
import { triggerProperties } from './description';
import { readSelectedEvents, readTriggerOptions } from './options';
import { outputItem } from './outputItem';
import { readWindow, recordSeen } from './pipeline/dedupe';
import { dedupeIds, processDelivery, verifyAny } from './pipeline/processDelivery';
import type { DirectReply, InboundRequest } from './pipeline/request';
import { providerModule, triggerCredentials } from './providers';
import type { IdentityProviderModule } from './providers/provider';
import { triggerLog } from './triggerLog';
import { currentKeys, keysReadSince, type CredentialKeys } from './credentialKeys';
import {
	WEBHOOK_PATH,
	deliverySecrets,
	derivedSecret,
	forgetRegistration,
	registeredWith,
	registeredWithAnotherSecret,
	rememberRegistration,
} from './webhookSecret';

function isAutomatic(ctx: IHookFunctions | IWebhookFunctions): boolean {
	return ctx.getNodeParameter('registration', 'automatic') === 'automatic';
}

function send(res: ReturnType<IWebhookFunctions['getResponseObject']>, reply: DirectReply): void {
	res.status(reply.status);
	for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
	if (reply.contentType) res.type(reply.contentType);
	if (reply.body === '') res.end();
	else res.send(reply.body);
}

const providerProperty = triggerProperties.find((property) => property.name === 'provider');
const eventCount = '$parameter["events"].length';

/** "Okta: all events", "Microsoft Entra ID: 3 events". */
const subtitle = `={{ ${inWords('$parameter["provider"]', providerProperty ? optionNames(providerProperty) : {})} + ": " + (${eventCount} === ${IDENTITY_EVENT_TYPES.length} ? "all events" : ${eventCount} === 1 ? "1 event" : ${eventCount} + " events") }}`;

function provider(ctx: IHookFunctions | IWebhookFunctions): IdentityProviderModule {
	const id = ctx.getNodeParameter('provider', 'okta') as string;
	const module = providerModule(id);
	if (!module) throw new NodeOperationError(ctx.getNode(), `The identity provider "${id}" is not supported`);
	return module;
}

export class IdpEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IdP Event Trigger',
		name: 'idpEventTrigger',
		icon: { light: 'file:idpEventTrigger.svg', dark: 'file:idpEventTrigger.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n evaluates an expression for every request to a version-1 webhook node
		// (whether to keep the body as binary data), which costs a fresh isolate each time.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle,
		description:
			'Starts the workflow when users, groups or MFA enrollments change in Okta, Auth0, Microsoft Entra ID or a Shared Signals transmitter',
		defaults: { name: 'IdP Event Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: triggerCredentials(),
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: WEBHOOK_PATH },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: WEBHOOK_PATH },
		],
		properties: triggerProperties,
		// n8n would otherwise derive these texts from the display name ("Pull in events from IdP Event").
		triggerPanel: {
			header: 'Pull in events from your identity provider',
			executionsHelp: {
				inactive:
					"<b>While building your workflow</b>, click the 'Execute step' button, then make a change in your identity provider, such as adding a user to a group. With Automatic registration the trigger registers its test URL with the provider while it listens. The execution shows up in this editor.<br /><br /><b>Once you're happy with your workflow</b>, publish it. Then every matching change in your identity provider runs the workflow. These executions show up in the <a data-key=\"executions\">executions list</a>, but not in the editor.",
				active:
					"<b>While building your workflow</b>, click the 'Execute step' button, then make a change in your identity provider, such as adding a user to a group. The execution shows up in this editor.<br /><br /><b>Your workflow also runs automatically</b>, since it is published: every matching change in your identity provider starts an execution. These executions show up in the <a data-key=\"executions\">executions list</a>, but not in the editor.",
			},
			activationHint: {
				inactive:
					'Once you have finished building your workflow, publish it to have it also listen continuously (you just won’t see those executions here).',
				active:
					'This node also runs the workflow for every matching change in your identity provider (those executions won’t show up here).',
			},
		},
	};

	webhookMethods = {
		default: {
			/**
			 * False, so that n8n registers again, when the registration was made with another secret than
			 * the one derived now (the key changed, or an earlier version stored a generated one).
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				const idp = provider(this);
				const staticData = this.getWorkflowStaticData('node');
				const secret = await derivedSecret(this, idp);
				if (secret === undefined || !registeredWith(staticData, secret)) return false;
				const exists = await idp.registration.exists(
					this,
					staticData,
					this.getNodeWebhookUrl('default') as string,
					readSelectedEvents(this.getNodeParameter('events')),
				);
				if (!exists) forgetRegistration(staticData);
				return exists;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				const selected = readSelectedEvents(this.getNodeParameter('events'));
				if (selected.length === 0) {
					throw new NodeOperationError(this.getNode(), 'Select at least one event in Trigger On');
				}
				const idp = provider(this);
				const secret = await derivedSecret(this, idp);
				if (secret === undefined) {
					throw new NodeOperationError(this.getNode(), 'The credential has no key to register the hook with', {
						description:
							"Automatic registration derives the hook's secret from the credential's Automatic Registration Key, or from its API secret when that is empty. Fill in one of them.",
					});
				}
				const workflow = this.getWorkflow();
				const staticData = this.getWorkflowStaticData('node');
				await idp.registration.create(
					this,
					staticData,
					this.getNodeWebhookUrl('default') as string,
					selected,
					`n8n IdP MFA Sync: ${workflow.name ?? workflow.id}`,
					secret,
				);
				rememberRegistration(staticData, secret);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				const staticData = this.getWorkflowStaticData('node');
				try {
					await provider(this).registration.remove(this, staticData);
				} catch (error) {
					triggerLog(this).warn(`could not remove its registration: ${(error as Error).message}`);
					return false;
				}
				forgetRegistration(staticData);
				return true;
			},
		},
	};

	/**
	 * Verifies, parses and answers the delivery, then classifies and enriches. Static data is read
	 * only after the delivery is verified, and written only for what an accepted delivery emitted.
	 * The credential is not read on the way to the reply when this process read it before: a
	 * delivery accepted on those keys is checked against a read made after it arrived before it
	 * starts an execution.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const arrivedAt = Date.now();
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		// n8n reads the body of any content type for version-1 nodes; read it here should it not have.
		if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
		const idp = provider(this);
		const log = triggerLog(this);
		const options = readTriggerOptions(this.getNodeParameter('options', {}) as IDataObject);
		const request: InboundRequest = {
			method: req.method,
			headers: req.headers,
			query: req.query as Record<string, unknown>,
			rawBody: req.rawBody,
			contentType: req.headers['content-type'],
		};
		const handshake = idp.source.handshake(request);
		if (handshake) {
			send(res, handshake);
			return { noWebhookResponse: true };
		}
		const automatic = isAutomatic(this);
		const staticData = this.getWorkflowStaticData('node');
		const windowMs = options.dedupeWindowMinutes * 60_000;
		const selected = readSelectedEvents(this.getNodeParameter('events'));
		const secretsOf = (keys: CredentialKeys) => deliverySecrets(idp, keys, staticData, automatic);
		const accepts = (secrets: ReturnType<typeof secretsOf>) =>
			secrets.secrets.length === 0
				? secrets.optional === true
				: verifyAny(idp.source, request, secrets.secrets).ok;

		let { keys, readAt } = await currentKeys(this, idp);
		let secrets = secretsOf(keys);
		// Refused on keys read earlier: the credential may have changed since; read it before refusing.
		if (!accepts(secrets) && readAt < arrivedAt) {
			({ keys, readAt } = await keysReadSince(this, idp, arrivedAt));
			secrets = secretsOf(keys);
		}
		const authenticated = accepts(secrets);
		const prepared = idp.prepare
			? await idp.prepare(this, { request, staticData, automatic, authenticated, now: arrivedAt, windowMs })
			: undefined;
		if (prepared && !prepared.ok) {
			send(res, prepared.reply);
			log.warn(prepared.log);
			idp.rejected?.(this, prepared.log);
			return { noWebhookResponse: true };
		}
		const processWith = (checkedWith: CredentialKeys, delivered: ReturnType<typeof secretsOf>) =>
			processDelivery(idp.source, request, {
				secrets: delivered.secrets,
				secretOptional: delivered.optional,
				prepared: prepared?.value,
				noSecretReason: delivered.noSecretReason,
				selected,
				tenant: checkedWith.tenant,
				includeRaw: options.includeRaw,
				maxEvents: options.maxEventsPerDelivery,
				window: windowMs > 0 ? () => readWindow(staticData) : undefined,
				windowMs,
				now: arrivedAt,
			});
		const result = processWith(keys, secrets);

		// Acknowledge before enrichment: IdPs time out within seconds and Okta retries only once.
		send(res, result.reply);
		if (result.kind === 'rejected') {
			const keyChanged =
				result.unauthorized &&
				secrets.derived !== undefined &&
				registeredWithAnotherSecret(staticData, secrets.derived);
			log.warn(
				keyChanged
					? `${result.log}. The credential's key changed after the hook was registered: re-publish the workflow to register it again`
					: result.log,
			);
			if (!result.unauthorized) idp.rejected?.(this, result.log);
		}
		if (result.kind !== 'accepted') return { noWebhookResponse: true };
		log.info('delivery accepted', { ...result.summary });
		const events = await finishAcknowledged(this, idp, staticData, result, selected, options);
		if (events.length === 0) return { noWebhookResponse: true };

		if (windowMs > 0) {
			const ids = events.flatMap((event) => dedupeIds(idp.source, event));
			recordSeen(staticData, readWindow(staticData), ids, Date.now(), windowMs);
		}
		return {
			noWebhookResponse: true,
			workflowData: [this.helpers.returnJsonArray(events.map(outputItem))],
		};
	}
}
