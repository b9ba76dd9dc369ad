// SPDX-License-Identifier: GPL-2.0
// Where is /root_cell/cpus/0 in the text the operator pasted? A small JSON
// scanner that records, for every value, its RFC 6901 pointer and the
// character range of the value (and of its member name). No DOM: also
// runs under node for the unit test.

export function escapeToken(key) {
	return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

// Map pointer -> { start, end, keyStart }. Throws SyntaxError with .pos on
// malformed input.
export function pointerMap(text) {
	const map = new Map();
	let i = 0;

	const fail = msg => {
		const e = new SyntaxError(`${msg} at offset ${i}`);
		e.pos = i;
		throw e;
	};
	const ws = () => {
		while (i < text.length && ' \t\r\n'.includes(text[i]))
			i++;
	};
	const string = () => {
		if (text[i] !== '"')
			fail('expected a string');
		const start = i++;
		while (i < text.length && text[i] !== '"')
			i += text[i] === '\\' ? 2 : 1;
		if (i >= text.length)
			fail('unterminated string');
		i++;
		return JSON.parse(text.slice(start, i));
	};
	const value = (ptr, keyStart) => {
		ws();
		const start = i;
		const c = text[i];
		if (c === '{') {
			i++;
			ws();
			if (text[i] === '}')
				i++;
			else for (;;) {
				ws();
				const ks = i;
				const key = string();
				ws();
				if (text[i++] !== ':')
					fail('expected ":"');
				value(`${ptr}/${escapeToken(key)}`, ks);
				ws();
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i++] !== '}')
					fail('expected "," or "}"');
				break;
			}
		} else if (c === '[') {
			i++;
			ws();
			if (text[i] === ']')
				i++;
			else for (let n = 0; ; n++) {
				value(`${ptr}/${n}`, null);
				ws();
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i++] !== ']')
					fail('expected "," or "]"');
				break;
			}
		} else if (c === '"') {
			string();
		} else {
			const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/
				.exec(text.slice(i, i + 64));
			if (!m)
				fail('unexpected character');
			i += m[0].length;
		}
		map.set(ptr, { start, end: i, keyStart });
	};
	value('', null);
	ws();
	if (i < text.length)
		fail('trailing characters');
	return map;
}

export function lineAt(text, offset) {
	let line = 1;
	for (let k = 0; k < offset && k < text.length; k++)
		if (text[k] === '\n')
			line++;
	return line;
}

// The lines a pointer designates: the member's name through the end of
// its value. A pointer to a member that is not there (a missing required
// member) falls back to its nearest existing parent: exact is then false.
export function locate(text, pointer, map = pointerMap(text)) {
	let p = pointer;
	for (;;) {
		const r = map.get(p);
		if (r) {
			const from = r.keyStart ?? r.start;
			// A container: its opening line is where the problem is
			// reported when it is the fallback.
			const end = p === pointer ? r.end : r.start + 1;
			return { pointer: p, exact: p === pointer,
				 line: lineAt(text, from),
				 endLine: lineAt(text, Math.max(from, end - 1)),
				 start: from, end };
		}
		if (p === '')
			return null;
		p = p.slice(0, p.lastIndexOf('/'));
	}
}
