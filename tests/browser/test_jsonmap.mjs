// SPDX-License-Identifier: GPL-2.0
// webui/js/jsonmap.js: JSON Pointers to lines of the text as written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

const SRC = process.env.BULKHEAD_SOURCE_DIR ||
	path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
// Loaded as a module whatever node's module-type detection does (webui/
// has no package.json).
const { pointerMap, locate, lineAt } = await import('data:text/javascript,' +
	encodeURIComponent(fs.readFileSync(path.join(SRC, 'webui', 'js',
		'jsonmap.js'), 'utf8')));
const text = fs.readFileSync(path.join(SRC, 'configs', 'qemu-arm64.json'),
			     'utf8');
const lineOf = (needle, from = 1) =>
	text.split('\n').findIndex((l, i) => i >= from - 1 &&
				   l.includes(needle)) + 1;

test('every value of a real config gets a pointer that JSON agrees with',
     () => {
	const map = pointerMap(text);
	const doc = JSON.parse(text);
	for (const [p, r] of map) {
		const v = p.split('/').slice(1).reduce((o, k) =>
			o[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
		assert.deepEqual(JSON.parse(text.slice(r.start, r.end)), v, p);
	}
});

test('members and array items map to their lines', () => {
	assert.equal(locate(text, '/platform/num_cpus').line,
		     lineOf('"num_cpus"'));
	const regions = lineOf('"memory_regions"');
	const r = locate(text, '/root_cell/memory_regions/2/size');
	assert.equal(r.line, lineOf('"size"', lineOf('0x09000000', regions)));
	assert.equal(locate(text, '/root_cell/cpus/0').line, lineOf('"0-3"'));
	assert.ok(locate(text, '/root_cell').endLine > regions);
});

test('a missing member falls back to its parent', () => {
	const r = locate(text, '/hypervisor_memory/nope/deeper');
	assert.equal(r.exact, false);
	assert.equal(r.pointer, '/hypervisor_memory');
	assert.equal(r.line, lineOf('"hypervisor_memory"'));
	assert.equal(locate(text, '').line, 1);
});

test('escaped member names (~0, ~1) and syntax errors', () => {
	const t = '{\n "a/b": {\n  "c~d": [1,\n   2]\n }\n}';
	assert.equal(locate(t, '/a~1b/c~0d/1').line, 4);
	assert.throws(() => pointerMap('{\n "a": 1,,\n}'), e =>
		e instanceof SyntaxError && lineAt('{\n "a": 1,,\n}', e.pos) === 2);
});
