const { src, dest, parallel } = require('gulp');

// tsc compiles the TypeScript; these tasks copy what it does not: icons, codex files and sample workflows.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

function copyExamples() {
	return src('examples/**/*.json', { base: '.' }).pipe(dest('dist'));
}

exports.build = parallel(copyIcons, copyCodex, copyExamples);
exports.default = exports.build;
