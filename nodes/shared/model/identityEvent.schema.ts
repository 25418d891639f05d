import { z } from 'zod';

import {
	IDENTITY_EVENT_CATALOGUE,
	IDENTITY_EVENT_SCHEMA_VERSION,
	IDENTITY_EVENT_TYPES,
	IDENTITY_PROVIDERS,
	USER_STATUSES,
	type IdentityEventCatalogueEntry,
	type IdentityEventSubject,
} from './eventCatalogue';

type TypesOf<S extends IdentityEventSubject> = Extract<IdentityEventCatalogueEntry, { subject: S }>['type'];

function typesOf<S extends IdentityEventSubject>(subject: S): [TypesOf<S>, ...Array<TypesOf<S>>] {
	return IDENTITY_EVENT_CATALOGUE.filter((entry) => entry.subject === subject).map(
		(entry) => entry.type,
	) as [TypesOf<S>, ...Array<TypesOf<S>>];
}

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const AttributeMapSchema = z.record(z.union([scalar, z.array(scalar)]));

export const GroupRefSchema = z.object({
	id: z.string().min(1),
	name: z.string().optional(),
	previousName: z.string().optional(),
});

export const IdentityUserSchema = z.object({
	id: z.string().min(1),
	login: z.string().optional(),
	email: z.string().optional(),
	givenName: z.string().optional(),
	familyName: z.string().optional(),
	displayName: z.string().optional(),
	status: z.enum(USER_STATUSES).optional(),
	groups: z.array(GroupRefSchema).optional(),
	attributes: AttributeMapSchema.default({}),
});

export const ActorSchema = z.object({
	id: z.string(),
	type: z.string().optional(),
	login: z.string().optional(),
	displayName: z.string().optional(),
});

export const EventSourceSchema = z.object({
	idp: z.enum(IDENTITY_PROVIDERS),
	tenant: z.string(),
	eventType: z.string(),
	eventIds: z.array(z.string()).min(1),
	deliveryId: z.string().optional(),
});

export const MfaFactorSchema = z.object({
	type: z.string(),
	provider: z.string().optional(),
	name: z.string().optional(),
});

export const MfaResetSchema = z.object({
	all: z.boolean(),
	factors: z.array(MfaFactorSchema),
});

export const EnrichmentSchema = z.object({
	status: z.enum(['enriched', 'not_found', 'failed', 'off']),
	message: z.string().optional(),
	/** When the request that read the identity provider's current state was sent (ISO 8601). */
	observedAt: z.string().datetime({ offset: true }).optional(),
});

const envelope = {
	schemaVersion: z.literal(IDENTITY_EVENT_SCHEMA_VERSION),
	id: z.string().min(1),
	occurredAt: z.string().datetime({ offset: true }),
	source: EventSourceSchema,
	actor: ActorSchema.optional(),
	enrichment: EnrichmentSchema.optional(),
	raw: z.unknown().optional(),
};

export const UserEventSchema = z.object({
	...envelope,
	type: z.enum(typesOf('user')),
	user: IdentityUserSchema,
});

export const MfaResetEventSchema = z.object({
	...envelope,
	type: z.enum(typesOf('mfa')),
	user: IdentityUserSchema,
	mfa: MfaResetSchema,
});

export const GroupEventSchema = z.object({
	...envelope,
	type: z.enum(typesOf('group')),
	group: GroupRefSchema,
});

export const MembershipEventSchema = z.object({
	...envelope,
	type: z.enum(typesOf('membership')),
	user: IdentityUserSchema,
	group: GroupRefSchema,
});

export const SystemNoticeSchema = z.object({
	reason: z.string(),
	resource: z.string().optional(),
	subscriptionId: z.string().optional(),
});

export const SystemEventSchema = z.object({
	...envelope,
	type: z.enum(typesOf('system')),
	notice: SystemNoticeSchema,
});

export const IdentityEventSchema = z.discriminatedUnion('type', [
	UserEventSchema,
	MfaResetEventSchema,
	GroupEventSchema,
	MembershipEventSchema,
	SystemEventSchema,
]);

export const IdentityEventTypeSchema = z.enum(IDENTITY_EVENT_TYPES);

export type AttributeMap = z.infer<typeof AttributeMapSchema>;
export type GroupRef = z.infer<typeof GroupRefSchema>;
export type IdentityUser = z.infer<typeof IdentityUserSchema>;
export type Actor = z.infer<typeof ActorSchema>;
export type EventSource = z.infer<typeof EventSourceSchema>;
export type MfaFactor = z.infer<typeof MfaFactorSchema>;
export type MfaReset = z.infer<typeof MfaResetSchema>;
export type Enrichment = z.infer<typeof EnrichmentSchema>;
export type UserEvent = z.infer<typeof UserEventSchema>;
export type MfaResetEvent = z.infer<typeof MfaResetEventSchema>;
export type GroupEvent = z.infer<typeof GroupEventSchema>;
export type MembershipEvent = z.infer<typeof MembershipEventSchema>;
export type SystemNotice = z.infer<typeof SystemNoticeSchema>;
export type SystemEvent = z.infer<typeof SystemEventSchema>;
export type IdentityEvent = z.infer<typeof IdentityEventSchema>;
