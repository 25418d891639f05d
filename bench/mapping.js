#!/usr/bin/env node
// bench/mapping: profile rendering plus rules evaluation per event, on one core. The bar is 50,000 events/s.
// Events are the standard Okta → Duo workload, normalized and enriched from its final directory.
//   node bench/mapping.js [--events 5000] [--rounds 20]
'use strict';
require('../scripts/lib/register-ts');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { generateMix, numberArg, writeResult } = require('./lib');
const { normalizeOktaDelivery } = require('../nodes/IdpEventTrigger/providers/okta/okta.normalize.ts');
const { OktaEventHookDeliverySchema } = require('../nodes/IdpEventTrigger/providers/okta/okta.wire.ts');
const { identityUserFromOkta } = require('../nodes/IdpEventTrigger/providers/okta/okta.enrich.ts');
const { compileProfileDocument, renderProfile } = require('../nodes/shared/mapping/index.ts');

const mix = generateMix({ events: numberArg('events', 5000) });
const usersById = new Map(mix.okta.users.map((u) => [u.id, u]));
const groupsOf = new Map();
for (const [groupId, ids] of Object.entries(mix.okta.memberships)) {
	const group = mix.okta.groups.find((g) => g.id === groupId);
	for (const id of ids) (groupsOf.get(id) ?? groupsOf.set(id, []).get(id)).push({ id: group.id, profile: { name: group.name } });
}
const events = mix.deliveries.flatMap((d) =>
	normalizeOktaDelivery(OktaEventHookDeliverySchema.parse(d), { tenant: 'example.okta.com', includeRaw: false }).events,
);
for (const event of events) {
	const user = 'user' in event ? usersById.get(event.user.id) : undefined;
	if (user) event.user = { ...event.user, ...identityUserFromOkta(user, groupsOf.get(user.id) ?? []) };
}
const profileText = fs.readFileSync(path.join(__dirname, '..', 'examples', 'profiles', 'email-username-mfa-groups.json'), 'utf8');
const document = compileProfileDocument(profileText);

let sink = 0;
const round = () => {
	for (const event of events) {
		const { profile } = document.forEvent(event);
		const result = renderProfile(profile, event);
		sink += result.verdict.allowed ? 1 : 0;
	}
};
for (let i = 0; i < 3; i++) round();
const rounds = numberArg('rounds', 20);
const samples = [];
for (let i = 0; i < rounds; i++) {
	const start = performance.now();
	round();
	samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
const eventsPerSecond = Math.round(events.length / (median / 1000));
const result = {
	events: events.length,
	profile: 'examples/profiles/email-username-mfa-groups.json',
	medianMsPerRound: Number(median.toFixed(2)),
	eventsPerSecond,
	bar: 50000,
	meetsBar: eventsPerSecond >= 50000,
	inScopeShare: Number((sink / (events.length * (rounds + 3))).toFixed(3)),
};
const file = writeResult('mapping', result);
console.log(`bench/mapping: ${eventsPerSecond.toLocaleString('en-US')} events/s rendered + rules on one core (bar 50,000: ${result.meetsBar ? 'met' : 'NOT met'}) → ${file}`);
if (!result.meetsBar) process.exitCode = 1;
