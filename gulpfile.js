const { rmSync } = require('fs');
const { src, dest } = require('gulp');

// tsc never deletes: without this, modules removed from the sources stay in dist/ and get packed.
function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

// tsc emits only .js; n8n also needs the icons and the codex (*.node.json) beside them.
function copyAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:clean'] = clean;
exports['build:assets'] = copyAssets;
exports.default = copyAssets;
