// Generates zod (v3 API) schemas for every operation of Hex's public API from the vendored spec.
// Run `npm run generate:schemas`; the output is committed, and a re-run must be byte-identical.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const specPath = here('../hex-openapi/openapi.json');
const spec = JSON.parse(readFileSync(specPath, 'utf8'));

const refName = (ref) => decodeURIComponent(ref.replace('#/components/schemas/', ''));

// True when a raw spec schema is a plain object (or an allOf of such), i.e. zod `.merge()`-able.
function isObjectSchema(schema, seen = new Set()) {
	if (!schema) return false;
	if (schema.$ref) {
		const name = refName(schema.$ref);
		if (seen.has(name)) return false;
		seen.add(name);
		return isObjectSchema(spec.components.schemas[name], seen);
	}
	if (schema.allOf) return schema.allOf.every((s) => isObjectSchema(s, seen));
	if (schema.anyOf || schema.oneOf) return false;
	return schema.type === 'object' || (schema.type === undefined && !!schema.properties);
}

// Hex's tsoa-generated spec has defaults that contradict their own types ("25" for an integer,
// null for a non-nullable string); zod's typings reject those, so fix them before generating.
function fixDefaults(node) {
	if (Array.isArray(node)) return node.forEach(fixDefaults);
	if (!node || typeof node !== 'object') return;
	if ('default' in node) {
		const numeric = node.type === 'number' || node.type === 'integer';
		if (numeric && typeof node.default === 'string' && node.default.trim() !== '') {
			node.default = Number(node.default);
		} else if (node.default === null && node.nullable !== true) {
			delete node.default;
		}
	}
	Object.values(node).forEach(fixDefaults);
}

/** @type {import('@hey-api/openapi-ts').UserConfig} */
export default {
	input: specPath,
	output: {
		path: here('./generated'),
		clean: true,
		entryFile: false,
	},
	parser: {
		patch: {
			input: (raw) => {
				fixDefaults(raw);
				// The spec's regex-looking path is really /v1/semantic-projects/{semanticProjectId}.
				for (const path of Object.keys(raw.paths)) {
					if (path.includes('semantic-(projects|models)')) {
						raw.paths[path.replace('semantic-(projects|models)', 'semantic-projects')] =
							raw.paths[path];
						delete raw.paths[path];
					}
				}
			},
		},
	},
	plugins: [
		{
			name: 'zod',
			compatibilityVersion: 3,
			comments: false,
			// Component schemas keep their spec names (zProject, zProjectRun ...); per-operation
			// schemas are z<OperationId>{Path,Query,Headers,Body,ResponseBody}, which never collide
			// with component names such as ListGroupsResponse.
			definitions: { name: 'z{{name}}' },
			requests: {
				body: { name: 'z{{name}}Body' },
				path: { name: 'z{{name}}Path' },
				query: { name: 'z{{name}}Query' },
				headers: { name: 'z{{name}}Headers' },
			},
			responses: { name: 'z{{name}}ResponseBody' },
			$resolvers: {
				// Objects that list properties reject unknown keys (strict), unless the spec allows
				// additional properties; property-less maps stay z.record().
				object: (ctx) => {
					const chain = ctx.nodes.base(ctx);
					const props = ctx.schema.properties;
					if (!props || Object.keys(props).length === 0) return chain;
					const extra = ctx.schema.additionalProperties;
					if (extra && extra.type !== 'never') return chain.attr('passthrough').call();
					return chain.attr('strict').call();
				},
				// allOf of objects: `.merge()` keeps strictness working (`.and()` of two strict
				// objects would reject each other's keys).
				intersection: (ctx) => {
					const raw = ctx.schemas.map((s) => (s.$ref ? { $ref: s.$ref } : s));
					const allObjects = raw.every((s) =>
						s.$ref ? isObjectSchema(s) : s.type === 'object' && !s.items,
					);
					if (!allObjects || ctx.childResults.length < 2) return undefined;
					let chain = ctx.childResults[0].chain;
					for (const child of ctx.childResults.slice(1)) {
						chain = chain.attr('merge').call(child.chain);
					}
					return chain;
				},
			},
		},
	],
};
