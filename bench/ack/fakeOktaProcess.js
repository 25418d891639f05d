// The fake Okta in its own process, so that serving enrichment does not share an event loop with the load
// generator's clock. Forked by bench/ack.js; answers `hooks` with each event hook's URI and secret header.
'use strict';
const { startFakeOkta } = require('../../sandbox/okta/server');
const { benchUsers } = require('./workflows');

(async () => {
	const okta = await startFakeOkta({ users: benchUsers(Number(process.argv[2] || 1000)) });
	process.on('message', (message) => {
		if (message === 'hooks') {
			const hooks = [...okta.state.eventHooks.values()].map((hook) => ({ uri: hook.channel.config.uri, header: hook.channel.config.authScheme?.key, secret: hook.channel.config.authScheme?.value }));
			process.send({ hooks });
		} else if (message === 'requests') process.send({ requests: okta.requests.length });
		else if (message === 'close') okta.close().then(() => process.exit(0));
	});
	process.send({ url: okta.url, apiToken: okta.apiToken });
})();
