#!/usr/bin/env node
// bench/normalize: events per second through the trigger's verify + parse + normalize (+ coalesce, select, dedupe)
// for a 1,000-event Okta delivery built from the standard Okta → Duo workload.
//   node bench/normalize.js [--events 1000] [--iterations 200]
'use strict';
require('../scripts/lib/register-ts');
const { performance } = require('node:perf_hooks');
const { generateMix, numberArg, writeResult } = require('./lib');
const { processDelivery } = require('../nodes/IdpEventTrigger/pipeline/processDelivery.ts');
const { readWindow } = require('../nodes/IdpEventTrigger/pipeline/dedupe.ts');
const { oktaSource } = require('../nodes/IdpEventTrigger/providers/okta/okta.source.ts');
const { IDENTITY_EVENT_TYPES } = require('../nodes/shared/model/index.ts');

const EVENTS = numberArg('events', 1000);
const ITERATIONS = numberArg('iterations', 200);
const SECRET = 'bench-shared-secret-0123456789abcdef';

const mix = generateMix({ events: EVENTS });
const events = mix.deliveries.flatMap((d) => d.data.events).slice(0, EVENTS);
const delivery = { ...mix.deliveries[0], eventId: 'bench-delivery', data: { events } };
const rawBody = Buffer.from(JSON.stringify(delivery), 'utf8');
const request = { method: 'POST', headers: { authorization: SECRET, 'content-type': 'application/json' }, query: {}, rawBody, contentType: 'application/json' };

function once() {
	return processDelivery(oktaSource, request, {
		secrets: [SECRET], selected: IDENTITY_EVENT_TYPES, tenant: 'example.okta.com', includeRaw: false,
		maxEvents: Math.max(EVENTS, 1000), window: () => readWindow({}), windowMs: 86_400_000, now: Date.now(),
	});
}

const check = once();
if (check.kind !== 'accepted') throw new Error(`delivery not accepted: ${check.reply.body}`);
for (let i = 0; i < 20; i++) once();
const samples = [];
for (let i = 0; i < ITERATIONS; i++) {
	const start = performance.now();
	once();
	samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
const p95 = samples[Math.floor(samples.length * 0.95)];
const result = {
	deliveryEvents: events.length,
	deliveryBytes: rawBody.length,
	emittedEvents: check.events.length,
	iterations: ITERATIONS,
	medianMsPerDelivery: Number(median.toFixed(3)),
	p95MsPerDelivery: Number(p95.toFixed(3)),
	eventsPerSecond: Math.round(events.length / (median / 1000)),
};
const file = writeResult('normalize', result);
console.log(`bench/normalize: ${result.eventsPerSecond.toLocaleString('en-US')} events/s (median ${result.medianMsPerDelivery} ms per ${events.length}-event delivery, p95 ${result.p95MsPerDelivery} ms; ${result.emittedEvents} events emitted after coalescing) → ${file}`);
