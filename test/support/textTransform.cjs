// Jest transform: a YAML file imported by a test is its text (the GitHub workflows are checked
// without node:fs, which the strict lint forbids in tests).
module.exports = {
	process(sourceText) {
		return { code: `module.exports = ${JSON.stringify(sourceText)};` };
	},
};
