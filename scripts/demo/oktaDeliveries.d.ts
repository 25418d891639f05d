export interface OktaUserRef {
	id: string;
	login: string;
	displayName?: string;
}

export interface OktaGroupRef {
	id: string;
	name: string;
}

export interface OktaFactorRef {
	id: string;
	name: string;
	factorType: string;
	provider: string;
}

export interface OktaLogEvent {
	uuid: string;
	published: string;
	eventType: string;
	target: Array<Record<string, unknown>>;
	[key: string]: unknown;
}

export interface OktaDelivery {
	eventType: 'com.okta.event_hook';
	source: string;
	eventId: string;
	data: { events: OktaLogEvent[] };
	[key: string]: unknown;
}

export const IDENTITY_ENGINE_FACTORS: OktaFactorRef[];

export const oktaEvents: {
	userCreated(user: OktaUserRef): OktaLogEvent[];
	profileUpdated(user: OktaUserRef, changedAttributes?: string[]): OktaLogEvent[];
	suspended(user: OktaUserRef): OktaLogEvent[];
	unsuspended(user: OktaUserRef): OktaLogEvent[];
	deactivated(user: OktaUserRef): OktaLogEvent[];
	deleted(user: OktaUserRef): OktaLogEvent[];
	memberAdded(user: OktaUserRef, group: OktaGroupRef): OktaLogEvent[];
	memberRemoved(user: OktaUserRef, group: OktaGroupRef): OktaLogEvent[];
	factorsReset(user: OktaUserRef, factors?: OktaFactorRef[]): OktaLogEvent[];
};

export function oktaDelivery(
	hook: { orgUrl: string; hookId: string },
	events: OktaLogEvent[],
): OktaDelivery;
