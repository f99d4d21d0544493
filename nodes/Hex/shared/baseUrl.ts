import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

export const HEX_CREDENTIAL_TYPE = 'hexApi';

const HEX_DOMAIN = 'hex.tech';
// One DNS label: letters, digits and inner hyphens, at most 63 characters.
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Shown to n8n for routing; the real base URL is set by `authorizeHexRequest`. n8n adds this
 * host to a credential's "Specific Domains" list, so it must name the same host as
 * `resolveHexApiBaseUrl` for every accepted Subdomain (`acme`, `acme.hex.tech`, a pasted
 * address), with string operations only.
 */
export const HEX_BASE_URL_EXPRESSION =
	'={{ String($credentials.baseUrl || "").trim() ? String($credentials.baseUrl).trim() : "https://" + String($credentials.subdomain || "app").trim().toLowerCase().split("://").pop().split("/")[0].split(".hex.tech")[0] + ".hex.tech/api" }}';

/** The URL, or undefined when the text is not one. */
export function parseUrl(raw: string): URL | undefined {
	try {
		return new URL(raw);
	} catch {
		return undefined;
	}
}

function subdomainError(input: string): UserError {
	return new UserError(
		`Subdomain "${input}" is not valid. Enter only the first part of your Hex address: "app" for app.hex.tech, "eu" for the EU region, "hc" for HIPAA, or your single-tenant name. To reach any other host, fill in Base URL instead.`,
	);
}

/** Accepts `app`, `app.hex.tech` or `https://app.hex.tech/anything` and returns `app`. */
export function normalizeHexSubdomain(input: unknown): string {
	const raw = String(input ?? '').trim();
	if (raw === '') {
		throw new UserError(
			'Subdomain is empty. Enter "app" for app.hex.tech, "eu" for the EU region, "hc" for HIPAA, or your single-tenant name.',
		);
	}
	let host = raw.toLowerCase();
	if (URL_SCHEME.test(host)) {
		const url = parseUrl(host);
		if (
			!url ||
			!['http:', 'https:'].includes(url.protocol) ||
			url.username ||
			url.password ||
			url.port
		) {
			throw subdomainError(raw);
		}
		host = url.hostname;
	} else {
		host = host.split('/')[0];
	}
	if (host.endsWith(`.${HEX_DOMAIN}`)) host = host.slice(0, -(HEX_DOMAIN.length + 1));
	if (!DNS_LABEL.test(host)) throw subdomainError(raw);
	return host;
}

/**
 * Hosts a token may reach over plain http: loopback, private and link-local addresses, and names
 * that cannot be resolved on the public internet (one label such as a container name, .local,
 * .internal, .localhost, .home.arpa).
 */
function isLocalOrPrivateHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	if (ipv4) {
		const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
		return (
			a === 127 ||
			a === 10 ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168) ||
			(a === 169 && b === 254)
		);
	}
	if (host.includes(':')) {
		return host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
	}
	return (
		!host.includes('.') ||
		['localhost', 'local', 'internal', 'home.arpa'].some(
			(suffix) => host === suffix || host.endsWith(`.${suffix}`),
		)
	);
}

/** Validates an explicit Base URL and trims it to the part before `/v1`. */
function normalizeBaseUrlOverride(input: unknown): string {
	const raw = String(input ?? '').trim();
	const url = parseUrl(raw);
	if (!url) {
		throw new UserError(
			`Base URL "${raw}" is not a full URL. Use the form https://hex-proxy.example.com/api, or leave Base URL empty to use the subdomain.`,
		);
	}
	if (!['http:', 'https:'].includes(url.protocol)) {
		throw new UserError(
			`Base URL "${raw}" must start with https:// (or http:// for a local proxy).`,
		);
	}
	if (url.protocol === 'http:' && !isLocalOrPrivateHost(url.hostname)) {
		throw new UserError(
			`Base URL "${raw}" uses http:// for a host on the internet, which would send the API token in clear text. Use https://, or http:// only for localhost or a private-network address (e.g. a proxy on this machine or your network).`,
		);
	}
	if (url.username || url.password || url.search || url.hash) {
		throw new UserError(
			'Base URL must not contain a user name, password, query string or fragment. Put the API token in the API Token field.',
		);
	}
	const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
	return `${url.origin}${path}`;
}

/** The API root every `/v1/...` route is appended to, e.g. `https://app.hex.tech/api`. */
export function resolveHexApiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = String(credentials.baseUrl ?? '').trim();
	if (override !== '') return normalizeBaseUrlOverride(override);
	return `https://${normalizeHexSubdomain(credentials.subdomain)}.${HEX_DOMAIN}/api`;
}

function isUnderBase(target: string, base: string): boolean {
	const [targetUrl, baseUrl] = [parseUrl(target), parseUrl(base)];
	if (!targetUrl || !baseUrl) return false;
	const basePath = baseUrl.pathname.replace(/\/$/, '');
	return (
		targetUrl.origin === baseUrl.origin &&
		(targetUrl.pathname === baseUrl.pathname || targetUrl.pathname.startsWith(`${basePath}/`))
	);
}

/**
 * The credential's `authenticate`: the only place the token is attached. It pins every request
 * to the resolved Hex host, so no parameter or expression can carry the token elsewhere.
 */
export async function authorizeHexRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const base = resolveHexApiBaseUrl(credentials);
	const token = String(credentials.apiToken ?? '').trim();
	if (token === '') {
		throw new UserError('The API Token of the Hex API credential is empty. Paste a Hex API token.');
	}
	// Nodes on n8n's legacy request helpers (the HTTP Request node with this credential among
	// them) give the address as `uri`, not `url`: it is pinned the same way.
	const legacyUri = (requestOptions as { uri?: unknown }).uri;
	const url = String(requestOptions.url || legacyUri || '');
	const authorized: IHttpRequestOptions = {
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
	};
	if (URL_SCHEME.test(url)) {
		if (!isUnderBase(url, base)) {
			throw new UserError(
				`The Hex API token is only sent to ${base}. The request to ${new URL(url).origin} was not sent; check the URL or the credential's Subdomain and Base URL.`,
			);
		}
		delete authorized.baseURL;
	} else {
		authorized.baseURL = base;
	}
	return authorized;
}
