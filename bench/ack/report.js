// bench/ack's figures as tables, each also as a ratio to (A) in the same run, and the knee of each workflow.
'use strict';

const KNEE_MS = 1000;

/** Per workflow: the highest rate up to which every rate swept had a p99 ack under 1 s (0: not even the lowest). */
function kneeOf(rows) {
	const knees = {};
	for (const key of [...new Set(rows.map((r) => r.workflow))]) {
		let knee = 0;
		for (const row of rows.filter((r) => r.workflow === key).sort((a, b) => a.rate - b.rate)) {
			if (row.p99 !== null && row.p99 < KNEE_MS && row.unanswered === 0) knee = row.rate;
			else break;
		}
		knees[key] = knee;
	}
	return knees;
}

const ratio = (value, reference) => (value === null || reference === null || !reference ? null : Number((value / reference).toFixed(2)));

/** Each row's p50/p95/p99, CPU and events/s over A's row at the same rate and size. */
function ratiosToA(sweep, batches) {
	const over = (rows) =>
		rows
			.filter((row) => row.workflow !== 'A')
			.map((row) => {
				const a = rows.find((r) => r.workflow === 'A' && r.rate === row.rate && r.size === row.size);
				return {
					workflow: row.workflow,
					rate: row.rate,
					size: row.size,
					p50: ratio(row.p50, a?.p50 ?? null),
					p95: ratio(row.p95, a?.p95 ?? null),
					p99: ratio(row.p99, a?.p99 ?? null),
					cpuMsPerRequest: ratio(row.cpuMsPerRequest, a?.cpuMsPerRequest ?? null),
				};
			});
	return { sweep: over(sweep), batches: over(batches) };
}

const cell = (value, reference) => {
	if (value === null || value === undefined) return '–';
	const r = reference === undefined ? null : ratio(value, reference);
	return r === null ? String(value) : `${value} (${r}×)`;
};

function printRun(run) {
	console.log(`\n### ${run.mode} mode, expression engine ${run.engine.engine} (${run.engine.source})`);
	console.log('\n| workflow | rate/s | p50 ms | p95 ms | p99 ms | non-2xx | unanswered | executions | CPU ms/request | load |');
	console.log('|---|---|---|---|---|---|---|---|---|---|');
	for (const row of run.sweep) {
		const a = run.sweep.find((r) => r.workflow === 'A' && r.rate === row.rate);
		const ref = row.workflow === 'A' ? undefined : a;
		console.log(
			`| ${row.workflow} | ${row.rate} | ${cell(row.p50, ref?.p50)} | ${cell(row.p95, ref?.p95)} | ${cell(row.p99, ref?.p99)} | ${row.non2xx} | ${row.unanswered} | ${row.executions}/${row.requests} | ${cell(row.cpuMsPerRequest, ref?.cpuMsPerRequest)} | ${row.loadAverage.join('→')} |`,
		);
	}
	const knees = Object.entries(run.knee).map(([key, knee]) => `${key} ${knee || `< ${Math.min(...run.sweep.map((r) => r.rate))}`}/s${key !== 'A' && run.knee.A ? ` (${ratio(knee, run.knee.A)}×)` : ''}`);
	console.log(`\nknee (highest rate with p99 < 1 s): ${knees.join(', ')}`);
	if (run.batches.length > 0) {
		console.log('\n| workflow | deliveries/s × events | p99 ms | events/s emitted | executions | unanswered | CPU ms/delivery | load |');
		console.log('|---|---|---|---|---|---|---|---|');
		for (const row of run.batches) {
			const a = run.batches.find((r) => r.workflow === 'A' && r.rate === row.rate);
			const ref = row.workflow === 'A' ? undefined : a;
			console.log(
				`| ${row.workflow} | ${row.rate} × ${row.size} | ${cell(row.p99, ref?.p99)} | ${row.eventsPerSecond} | ${row.executions}/${row.requests} | ${row.unanswered} | ${cell(row.cpuMsPerRequest, ref?.cpuMsPerRequest)} | ${row.loadAverage.join('→')} |`,
			);
		}
	}
	for (const extra of run.burst ?? []) {
		console.log(`\nat 5× the regular-mode knee (${extra.rate}/s), ${extra.workflow}: max ack ${extra.max} ms, p99 ${extra.p99} ms, unanswered ${extra.unanswered}, executions ${extra.executions}/${extra.requests}, CPU s by process ${JSON.stringify(extra.cpuSeconds)}`);
	}
}

module.exports = { kneeOf, ratiosToA, printRun, KNEE_MS };
