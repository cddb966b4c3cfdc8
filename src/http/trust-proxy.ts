// TRUST_PROXY: which X-Forwarded-For hops to believe for request.ip, which sign-in throttling
// counts by. Believing every hop lets any client choose its own address, so none is the default.
import { isIP } from 'node:net';

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Unset or 'false': no proxy. 'true': every hop (only when nothing but the proxy can reach the
 * server). Otherwise a comma list of the proxies' addresses or CIDR ranges (or loopback,
 * linklocal, uniquelocal), as Fastify takes it. No hop count: Fastify trusts nothing for one,
 * as a count cannot tell a proxy from a client. Anything else stops the server at start.
 */
export function trustProxySetting(value: string | undefined): boolean | string {
  const setting = value?.trim() ?? '';
  if (setting === '' || setting === 'false') return false;
  if (setting === 'true') return true;
  for (const item of setting.split(',').map((part) => part.trim())) {
    const [address = '', prefix, extra] = item.split('/');
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128));
    if (!PROXY_NAMES.has(item) && (isIP(address) === 0 || !prefixOk || extra !== undefined))
      throw new Error(`TRUST_PROXY must be true, false or a comma list of the proxies' addresses or CIDR ranges, not "${value}"`);
  }
  return setting;
}
