'use strict';

const fs = require('node:fs');

/**
 * @typedef {object} ProcessInfo
 * @property {number} pid
 * @property {number} ppid
 * @property {number} pgid
 * @property {string} name
 * @property {number} rssBytes
 */

/** @param {number} pid @returns {ProcessInfo | undefined} */
function readProcess(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name is in parentheses and may itself contain spaces or parentheses.
		const close = stat.lastIndexOf(')');
		const name = stat.slice(stat.indexOf('(') + 1, close);
		const fields = stat.slice(close + 2).split(' ');
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
		return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), name, rssBytes: rssKb * 1024 };
	} catch {
		return undefined;
	}
}

/** @returns {ProcessInfo[]} every process currently visible in /proc */
function listProcesses() {
	const out = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const info = readProcess(Number(entry));
		if (info) out.push(info);
	}
	return out;
}

/**
 * The process `rootPid`, its descendants, and every member of its process group.
 * @param {number} rootPid
 * @returns {ProcessInfo[]}
 */
function processFamily(rootPid) {
	const all = listProcesses();
	const family = new Map();
	for (const info of all)
		if (info.pid === rootPid || info.pgid === rootPid) family.set(info.pid, info);
	let grew = true;
	while (grew) {
		grew = false;
		for (const info of all) {
			if (!family.has(info.pid) && family.has(info.ppid)) {
				family.set(info.pid, info);
				grew = true;
			}
		}
	}
	return [...family.values()];
}

/**
 * Sends `signal` to the process group led by `rootPid` and to any descendant that left it.
 * @param {number} rootPid
 * @param {NodeJS.Signals} signal
 */
function signalFamily(rootPid, signal) {
	const members = processFamily(rootPid);
	try {
		process.kill(-rootPid, signal);
	} catch {
		// The group is already gone; descendants that moved groups are handled below.
	}
	for (const member of members) {
		if (member.pgid === rootPid) continue;
		try {
			process.kill(member.pid, signal);
		} catch {
			// Exited in the meantime.
		}
	}
}

module.exports = { listProcesses, processFamily, signalFamily };
