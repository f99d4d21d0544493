// Hex's spec lives here (test/hex-openapi/openapi.json); ../shared/hex-openapi/openapi.json, beside
// a working copy, is only where updates arrive. `npm run spec:check` warns when the two differ
// (never fails: a clone from GitHub has no ../shared); `npm run spec:update` copies the update in,
// after which `npm run generate:schemas` and the tests show what changed.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const vendored = here('./openapi.json');
const upstream = here('../../../shared/hex-openapi/openapi.json');
const update = process.argv.includes('--update');

if (!existsSync(upstream)) {
	console.log(
		'spec: no ../shared/hex-openapi/openapi.json beside this clone; using the vendored spec',
	);
	process.exit(0);
}
if (readFileSync(vendored, 'utf8') === readFileSync(upstream, 'utf8')) {
	console.log('spec: test/hex-openapi/openapi.json matches ../shared/hex-openapi/openapi.json');
} else if (update) {
	copyFileSync(upstream, vendored);
	console.log('spec: copied ../shared/hex-openapi/openapi.json into test/hex-openapi/openapi.json');
	console.log('spec: now run npm run generate:schemas and the tests, and update SOURCE.md');
} else {
	console.warn(
		'spec: WARNING ../shared/hex-openapi/openapi.json differs from the vendored test/hex-openapi/openapi.json; run npm run spec:update to take it',
	);
}
