#!/usr/bin/env node
// The standard Okta → Duo mix for the real-n8n reliability tests: its first deliveries, the Duo state that
// matters when comparing two runs, and the reference end state of a prefix, replayed in one process through
// the real trigger and Duo node (bench/mixRun.js) against a fake Okta serving the mix's directory and a
// fake Duo seeded with its starting state. The mix's own `expected` describes the end of the whole stream;
// a prefix has no such figure, so the reference is this replay.
//   node scripts/reliability/standardMix.js --checkpoints 364,404 [--include-groups]
// prints {"364": <state after the first 364 deliveries>, "404": …}.
'use strict';
const { spawn } = require('node:child_process');

const { generateMix } = require('../../bench/lib');

/** @type {Map<string, any>} */
const generated = new Map();

/** The mix with the generator's defaults (2,000 users, 500 groups, 5,000 events, seed 42), generated once. */
function standardMix(params = {}) {
	const key = JSON.stringify(params);
	if (!generated.has(key)) generated.set(key, generateMix(params));
	return generated.get(key);
}

/** The mix's directory (after the stream) as a fake Okta serves it, with the API token of bench/mixRun.js. */
function oktaDirectoryOf(mix) {
	return require('../../bench/mixRun').oktaDirectory(mix);
}

/** How many of the first deliveries it takes to carry at least `events` events. */
function deliveriesForEvents(mix, events) {
	let carried = 0;
	for (let index = 0; index < mix.deliveries.length; index++) {
		carried += mix.deliveries[index].data.events.length;
		if (carried >= events) return index + 1;
	}
	return mix.deliveries.length;
}

/**
 * What two runs of the same deliveries must agree on, by username: status, email, last name, group names
 * and how many devices are left; and who was deleted. Ids, notes (the watermark's time) and call counts
 * differ between runs and are left out.
 */
function comparableDuoState(snapshot) {
	const users = {};
	for (const user of snapshot.users) {
		users[user.username] = {
			status: user.status,
			email: user.email,
			lastname: user.lastname,
			groups: [...user.groupNames].sort(),
			devices: user.phones.length + user.tokens.length + user.webauthn.length,
		};
	}
	return { users, deleted: [...snapshot.trash].sort() };
}

/** Lines describing where two comparable states differ (at most `limit`). */
function stateDifferences(actual, expected, limit = 20) {
	const problems = [];
	const usernames = new Set([...Object.keys(actual.users), ...Object.keys(expected.users)]);
	for (const username of [...usernames].sort()) {
		const got = JSON.stringify(actual.users[username]);
		const want = JSON.stringify(expected.users[username]);
		if (got !== want) problems.push(`${username}: ${got} ≠ expected ${want}`);
	}
	if (JSON.stringify(actual.deleted) !== JSON.stringify(expected.deleted)) {
		const missing = expected.deleted.filter((name) => !actual.deleted.includes(name));
		const extra = actual.deleted.filter((name) => !expected.deleted.includes(name));
		problems.push(`deleted: missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`);
	}
	return problems.slice(0, limit);
}

/**
 * Replays the first deliveries in order, one execution each, and returns the comparable Duo state at each
 * checkpoint (a number of deliveries).
 * @param {{ checkpoints: number[], includeGroups?: boolean }} options
 */
async function replayInProcess({ checkpoints, includeGroups = false }) {
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
	const { IKEY, SKEY, applyToDuo, oktaDirectory, throughTrigger } = require('../../bench/mixRun');
	const { startFakeOkta } = require('../../sandbox/okta/server');
	const { startFakeDuo } = require('../../sandbox/duo/server');
	const mix = standardMix();
	const okta = await startFakeOkta(oktaDirectory(mix));
	const duo = await startFakeDuo({ ikey: IKEY, skey: SKEY, seed: mix.duo });
	const staticData = {};
	const states = {};
	try {
		const last = Math.max(...checkpoints);
		for (let index = 0; index < last; index++) {
			const items = await throughTrigger(okta, mix.deliveries[index], staticData, {
				includeGroups,
			});
			if (items.length > 0) {
				const failed = (await applyToDuo(duo, items)).filter((json) => json.error);
				if (failed.length > 0)
					throw new Error(`Delivery ${index} failed: ${JSON.stringify(failed[0])}`);
			}
			if (checkpoints.includes(index + 1)) states[index + 1] = comparableDuoState(duo.snapshot());
		}
		return states;
	} finally {
		await okta.close();
		await duo.close();
	}
}

/**
 * The same replay in a child Node process, so that it runs beside the test that drives n8n and loads none
 * of n8n's packages into it.
 * @param {{ checkpoints: number[], includeGroups?: boolean }} options
 * @returns {Promise<Record<number, ReturnType<typeof comparableDuoState>>>}
 */
function replayInChildProcess({ checkpoints, includeGroups = false }) {
	const args = [__filename, '--checkpoints', checkpoints.join(',')];
	if (includeGroups) args.push('--include-groups');
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		const out = [];
		const err = [];
		child.stdout.on('data', (chunk) => out.push(chunk));
		child.stderr.on('data', (chunk) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) {
				reject(
					new Error(`The in-process replay failed (${code}): ${Buffer.concat(err).toString()}`),
				);
				return;
			}
			resolve(JSON.parse(Buffer.concat(out).toString('utf8')));
		});
	});
}

module.exports = {
	comparableDuoState,
	deliveriesForEvents,
	oktaDirectoryOf,
	replayInChildProcess,
	replayInProcess,
	standardMix,
	stateDifferences,
};

if (require.main === module) {
	const at = process.argv.indexOf('--checkpoints');
	const checkpoints = (at > 0 ? process.argv[at + 1] : '').split(',').filter(Boolean).map(Number);
	replayInProcess({ checkpoints, includeGroups: process.argv.includes('--include-groups') }).then(
		(states) => process.stdout.write(JSON.stringify(states)),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
