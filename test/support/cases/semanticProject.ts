import type { INodeExecutionData } from 'n8n-workflow';

import { semanticProjectsOf } from '../../fake-hex/routes/semantic';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** A real zip archive (entries stored, not compressed) of the given files. */
export function zipOf(files: Record<string, string>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [path, text] of Object.entries(files)) {
		const name = Buffer.from(path, 'utf8');
		const data = Buffer.from(text, 'utf8');
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x21, 12); // 1980-01-01
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x21, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, data);
		centrals.push(central, name);
		offset += local.length + name.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(files).length, 8);
	end.writeUInt16LE(Object.keys(files).length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** A small semantic project: two datasets, a view and a README Hex skips. */
export const SEMANTIC_PROJECT_FILES = {
	'datasets/orders.yml': 'name: orders\nsql_table: analytics.orders\n',
	'datasets/refunds.yml': 'name: refunds\nsql_table: analytics.refunds\n',
	'views/revenue.yaml': 'name: revenue\nbase_dataset: orders\n',
	'README.md': '# Finance semantic project\n',
};

/** An input item carrying a file in a binary field, as Read/Write Files from Disk outputs it. */
export function binaryItem(
	data: Buffer,
	fileName = 'finance.zip',
	field = 'data',
	mimeType = 'application/zip',
): INodeExecutionData {
	return {
		json: { fileName },
		binary: { [field]: { data: data.toString('base64'), mimeType, fileName } },
	};
}

export const semanticProjectCases: OperationCases = {
	'semanticProject.ingest': {
		prism: {
			semanticProjectId: PRISM_IDS.semanticProject,
			binaryPropertyName: 'data',
			options: { dryRun: true, verbose: true, debug: true },
		},
		inputItems: () => [binaryItem(zipOf(SEMANTIC_PROJECT_FILES))],
		fake: (fake) => ({
			semanticProjectId: semanticProjectsOf(fake.state)[0].id,
			options: { dryRun: true },
		}),
	},
	'semanticProject.update': {
		prism: {
			semanticProjectId: PRISM_IDS.semanticProject,
			semanticUpdates: {
				update: [
					{ type: 'DATASET', name: 'orders', statusAction: 'set', status: 'Approved' },
					{ type: 'VIEW', name: 'revenue', statusAction: 'remove' },
				],
			},
		},
		fake: (fake) => ({
			semanticProjectId: semanticProjectsOf(fake.state)[0].id,
			semanticUpdates: {
				update: [
					{ type: 'DATASET', name: 'orders', statusAction: 'set', status: fake.state.statuses[0] },
				],
			},
		}),
	},
};
