// SPDX-License-Identifier: GPL-2.0
// The dashboard's shell: session, hash routing, the live event stream and
// its connection indicator. Pages are modules exporting
// render(main, ctx) -> optional cleanup function.

import { session, events, loadFeatures } from './api.js';
import { Stream } from './sse.js';
import { clear, errorBox, loading } from './dom.js';
import * as signin from './page-signin.js';
import * as overview from './page-overview.js';
import * as cells from './page-cells.js';
import * as jitter from './page-jitter.js';
import * as consolePage from './page-console.js';
import * as configs from './page-configs.js';
import * as generator from './page-generator.js';
import * as boards from './page-boards.js';

const ROUTES = [
	[/^overview$/, overview],
	[/^cells$/, cells],
	[/^jitter(?:\/([^/]+))?$/, jitter],
	[/^console$/, consolePage],
	[/^configs$/, configs],
	[/^generator$/, generator],
	[/^boards(?:\/([^/]+))?$/, boards],
];

const main = document.getElementById('main');
const live = new EventTarget();	// re-dispatches /api/v1/events by type
let eventStream = null;
let cleanup = null;
let featuresLoaded = false;

const CONN_TEXT = {
	connecting: 'connecting…', open: 'live', reconnecting: 'reconnecting…',
	unavailable: 'no event stream', denied: 'stream refused',
	closed: 'offline',
};

function setConn(state, detail) {
	const el = document.getElementById('conn');
	el.textContent = CONN_TEXT[state] || state;
	el.dataset.state = state;
	el.title = detail ? `Live event stream: ${detail}` :
		'Live event stream';
}

function startEvents() {
	if (eventStream)
		return;
	eventStream = new Stream('/api/v1/events', {
		onStatus: setConn,
		onEvent: ev => live.dispatchEvent(new CustomEvent(ev.type,
			{ detail: ev.data })),
	}).start();
}

function stopEvents() {
	if (eventStream)
		eventStream.stop();
	eventStream = null;
}

function showChrome(signedIn) {
	document.getElementById('nav').hidden = !signedIn;
	document.getElementById('session').hidden = !signedIn;
	document.body.classList.toggle('role-viewer',
		signedIn && !session.can('operator'));
	if (signedIn) {
		document.getElementById('who').textContent =
			`${session.name} · ${session.role}`;
	}
}

function markNav(name) {
	for (const a of document.querySelectorAll('#nav a')) {
		if (a.getAttribute('href') === `#/${name}`)
			a.setAttribute('aria-current', 'page');
		else
			a.removeAttribute('aria-current');
	}
}

async function route() {
	if (cleanup) {
		try {
			cleanup();
		} catch (e) {
			console.warn('page cleanup', e);
		}
		cleanup = null;
	}
	const hash = location.hash.replace(/^#\/?/, '');
	if (!session.token) {
		showChrome(false);
		stopEvents();
		if (hash !== 'signin') {
			location.replace('#/signin');
			return;
		}
		clear(main);
		cleanup = signin.render(main, { done: signedIn });
		return;
	}
	if (hash === '' || hash === 'signin') {
		location.replace('#/overview');
		return;
	}
	showChrome(true);
	startEvents();
	if (!featuresLoaded) {
		clear(main, loading());
		try {
			await loadFeatures();
			featuresLoaded = true;
		} catch (e) {
			clear(main, errorBox(e));
			return;
		}
	}
	const name = hash.split('/')[0];
	markNav(name);
	for (const [re, mod] of ROUTES) {
		const m = re.exec(hash);
		if (!m)
			continue;
		clear(main);
		const disposers = [];
		const ctx = {
			params: m.slice(1).map(p => p && decodeURIComponent(p)),
			on(type, fn) {
				const l = e => fn(e.detail);
				live.addEventListener(type, l);
				disposers.push(() =>
					live.removeEventListener(type, l));
			},
			onDispose(fn) {
				disposers.push(fn);
			},
		};
		const c = mod.render(main, ctx);
		cleanup = () => {
			disposers.forEach(d => d());
			if (typeof c === 'function')
				c();
		};
		const h1 = main.querySelector('h1');
		if (h1 && document.activeElement === document.body)
			h1.focus({ preventScroll: true });
		document.title = `${h1 ? h1.textContent : 'Bulkhead'} · Bulkhead`;
		return;
	}
	clear(main, errorBox({ problem: { title: 'Page not found',
		detail: `There is no page at #/${hash}.` } }));
}

function signedIn() {
	location.hash = '#/overview';
}

function signOut() {
	session.clear();
	featuresLoaded = false;
	stopEvents();
	location.hash = '#/signin';
}

events.addEventListener('unauthorized', () => {
	// The token was revoked or is unknown: back to sign-in.
	signOut();
});
document.getElementById('signout').addEventListener('click', signOut);
window.addEventListener('hashchange', route);
session.load();
route();
