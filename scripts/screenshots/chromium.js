'use strict';

/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven over the DevTools protocol with Node's own
 * WebSocket (Node 22 and newer): navigate, wait for an element, click, type, and take screenshots.
 */

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
/** Flags for a closed network: no background connections, no sandbox as root. */
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--hide-scrollbars',
	'--remote-debugging-port=0',
];

const delay = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {{ width?: number, height?: number }} [size]
 */
async function launchChromium({ width = 1440, height = 900 } = {}) {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set CHROMIUM_BIN`);
	}
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-mfa-sync-chromium-'));
	const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, `--window-size=${width},${height}`, 'about:blank'], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	const port = await new Promise((resolve, reject) => {
		let text = '';
		const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${text}`)), 30_000);
		child.stderr.on('data', (chunk) => {
			text += chunk;
			const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
			if (match) {
				clearTimeout(timer);
				resolve(Number(match[1]));
			}
		});
		child.on('exit', (code) => reject(new Error(`Chromium exited with ${code}:\n${text}`)));
	});
	const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
	const page = targets.find((/** @type {{ type: string }} */ target) => target.type === 'page');
	const socket = new WebSocket(page.webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', reject, { once: true });
	});

	let nextId = 0;
	/** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
	const pending = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(String(event.data));
		const waiting = message.id !== undefined ? pending.get(message.id) : undefined;
		if (!waiting) return;
		pending.delete(message.id);
		if (message.error) waiting.reject(new Error(`${message.error.message} (${message.error.code})`));
		else waiting.resolve(message.result);
	});
	/** @param {string} method @param {Record<string, unknown>} [params] @returns {Promise<any>} */
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = ++nextId;
			pending.set(id, { resolve, reject });
			socket.send(JSON.stringify({ id, method, params }));
		});

	await send('Page.enable');
	await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });

	/** @param {string} expression @returns {Promise<any>} */
	const evaluate = async (expression) => {
		const { result, exceptionDetails } = await send('Runtime.evaluate', {
			expression,
			awaitPromise: true,
			returnByValue: true,
		});
		if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
		return result.value;
	};

	const browser = {
		evaluate,
		/** @param {string} url */
		async goto(url) {
			await send('Page.navigate', { url });
			await browser.waitFor('document.readyState === "complete"', `${url} to load`);
		},
		/**
		 * Waits until the expression is truthy.
		 * @param {string} expression @param {string} what @param {number} [timeoutMs]
		 */
		async waitFor(expression, what, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const value = await evaluate(`(() => { try { return ${expression}; } catch { return false; } })()`).catch(() => false);
				if (value) return value;
				if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
				await delay(250);
			}
		},
		/** @param {string} selector CSS selector of an element to click in its middle */
		async click(selector) {
			const box = await browser.waitFor(
				`(() => { const r = document.querySelector(${JSON.stringify(selector)})?.getBoundingClientRect(); return r && r.width > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : false; })()`,
				selector,
			);
			await browser.clickAt(box.x, box.y);
		},
		/** @param {number} x @param {number} y @param {number} [clickCount] */
		async clickAt(x, y, clickCount = 1) {
			for (const type of ['mousePressed', 'mouseReleased']) {
				await send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount });
			}
		},
		/** @param {string} text types into the focused element */
		async type(text) {
			await send('Input.insertText', { text });
		},
		/** @param {string} key e.g. 'Enter', 'Tab', 'Escape' */
		async press(key) {
			const codes = { Enter: 13, Tab: 9, Escape: 27 };
			const keyCode = /** @type {Record<string, number>} */ (codes)[key];
			for (const type of ['rawKeyDown', 'keyUp']) {
				await send('Input.dispatchKeyEvent', {
					type,
					key,
					code: key,
					windowsVirtualKeyCode: keyCode,
					nativeVirtualKeyCode: keyCode,
					...(key === 'Enter' && type === 'rawKeyDown' ? { text: '\r' } : {}),
				});
			}
		},
		/** @param {string} file PNG file to write */
		async screenshot(file) {
			const { data } = await send('Page.captureScreenshot', { format: 'png' });
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, Buffer.from(data, 'base64'));
		},
		async close() {
			socket.close();
			child.kill('SIGTERM');
			await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
	return browser;
}

module.exports = { launchChromium };
