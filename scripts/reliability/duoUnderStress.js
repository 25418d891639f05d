#!/usr/bin/env node
// The reliability suite's in-process half: the standard Okta → Duo mix through the real trigger and Duo node
// (bench/mixRun.js), with enrichment and Include Groups on, and the trigger's duplicate window off so every
// duplicate reaches Duo.
//   1. reference: every delivery once, in order;
//   2. every delivery twice (half of them one after the other, half at once), in a shuffled order;
//   3. every delivery once, in order, against a Duo that answers 20% of calls 429, 5% 500, and loses 5% of
//      answers after the write took effect;
//   4. every delivery enriched in order, then applied in a shuffled order: what queue mode does when the
//      webhook process enriches deliveries as they arrive and the workers run their executions later, in
//      whatever order they take them.
// 1 to 3 must reach the workload's exact end state with no failed item; 2 may not write more than 1.
// 4 must too, with one equivalence: a user the workload expects disabled may be absent. Applied late, the user's
// deactivation can come before its creation; the core creates no user the IdP reports unable to sign in, and the
// creation, older than the deactivation it follows, is stale. Absent or disabled, the user cannot sign in.
//   node scripts/reliability/duoUnderStress.js [--events 5000]
'use strict';
const { performance } = require('node:perf_hooks');
const { generateMix, numberArg } = require('../../bench/lib');
const { IKEY, SKEY, applyToDuo, checkEndState, oktaDirectory, throughTrigger } = require('../../bench/mixRun');
const { startFakeOkta } = require('../../sandbox/okta/server');
const { startFakeDuo } = require('../../sandbox/duo/server');

const TRIGGER = { includeGroups: true, dedupeWindowMinutes: 0 };
const DUO = { retryBaseDelayMs: 5 };

function shuffled(items, seed) {
	let s = seed >>> 0;
	const random = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

async function run(mix, name, schedule, faults = [], { enrichFirst = false } = {}) {
	const okta = await startFakeOkta(oktaDirectory(mix));
	const duo = await startFakeDuo({ ikey: IKEY, skey: SKEY, seed: mix.duo });
	for (const fault of faults) duo.injectFaults(fault);
	const staticData = {};
	let failed = 0;
	let executions = 0;
	const started = performance.now();
	const result = () => {
		const counts = duo.counts();
		const statuses = {};
		for (const call of duo.calls) statuses[call.status] = (statuses[call.status] ?? 0) + 1;
		return { name, seconds: (performance.now() - started) / 1000, counts, statuses, failed, executions, problems: checkEndState(duo, mix.expected) };
	};
	const apply = async (items) => {
		if (items.length === 0) return;
		executions += 1;
		failed += (await applyToDuo(duo, items, DUO)).filter((json) => json.error).length;
	};
	const once = async (delivery) => apply(await throughTrigger(okta, delivery, staticData, TRIGGER));
	try {
		if (enrichFirst) {
			const received = [];
			for (const step of schedule) received.push(await throughTrigger(okta, step.delivery, staticData, TRIGGER));
			for (const items of shuffled(received, 3)) await apply(items);
			return result();
		}
		for (const step of schedule) {
			if (step.times === 1) await once(step.delivery);
			else if (step.together) await Promise.all([once(step.delivery), once(step.delivery)]);
			else {
				await once(step.delivery);
				await once(step.delivery);
			}
		}
		return result();
	} finally {
		await okta.close();
		await duo.close();
	}
}

(async () => {
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
	const mix = generateMix({ events: numberArg('events', 5000) });
	const inOrder = mix.deliveries.map((delivery) => ({ delivery, times: 1 }));
	const reference = await run(mix, 'reference: each delivery once, in order', inOrder);
	const doubled = await run(
		mix,
		'each delivery twice (sequential / concurrent), shuffled',
		shuffled(mix.deliveries, 7).map((delivery, index) => ({ delivery, times: 2, together: index % 2 === 0 })),
	);
	const faulty = await run(mix, 'Duo: 20% 429, 5% 500, 5% answers lost after the write', inOrder, [
		{ status: 429, rate: 0.2, seed: 11 },
		{ status: 500, rate: 0.0625, seed: 12 },
		{ status: 'reset', rate: 0.0667, seed: 13, method: 'POST', afterApply: true },
		{ status: 'reset', rate: 0.0667, seed: 14, method: 'DELETE', afterApply: true },
	]);
	const lateApplied = await run(mix, 'enriched in order, applied in a shuffled order', inOrder, [], { enrichFirst: true });
	const disabledAbsent = lateApplied.problems.filter((problem) => {
		const [, username] = /^(.*): missing$/.exec(problem) ?? [];
		return username !== undefined && mix.expected.duoUsers[username]?.status === 'disabled';
	});
	lateApplied.problems = lateApplied.problems.filter((problem) => !disabledAbsent.includes(problem));
	const lines = [];
	let ok = true;
	for (const result of [reference, doubled, faulty, lateApplied]) {
		const pass = result.problems.length === 0 && result.failed === 0;
		ok &&= pass;
		lines.push(
			`${pass ? 'ok  ' : 'FAIL'} ${result.name}: ${result.executions} executions, ${result.counts.total} Duo calls (${result.counts.writes} writes), ${result.seconds.toFixed(1)} s, failed items ${result.failed}, end-state differences ${result.problems.length}${result === lateApplied ? ` (besides ${disabledAbsent.length} users expected disabled and never created: no access either way)` : ''}`,
		);
		if (result.problems.length) lines.push(...result.problems.slice(0, 5).map((problem) => `       ${problem}`));
	}
	const extraWrites = doubled.counts.writes - reference.counts.writes;
	ok &&= extraWrites <= 0;
	lines.push(`${extraWrites <= 0 ? 'ok  ' : 'FAIL'} duplicates and shuffling add ${extraWrites} writes (goal: 0)`);
	const injected = Object.entries(faulty.statuses).filter(([status]) => status !== '200').map(([status, n]) => `${n}× ${status}`).join(', ');
	lines.push(
		`     under faults (${injected}): ${(faulty.counts.total / reference.counts.total).toFixed(2)}× the calls and ${(faulty.seconds / reference.seconds).toFixed(2)}× the time of the fault-free run`,
	);
	console.log(`Reliability, in-process (${mix.lowerBound.events}-event standard mix, ${mix.lowerBound.deliveries} deliveries):`);
	for (const line of lines) console.log(`  ${line}`);
	process.exitCode = ok ? 0 : 1;
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
