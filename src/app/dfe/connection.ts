// The DfE Assessor Service this process talks to: the context's (tests give the fake's), else
// the one the environment names, made once per address and key (its rate spacing is the
// client's own state); null when Capstone is not connected.
import type { AppContext } from '../context.ts';
import { type DfeApi, HttpDfeApi } from './client.ts';
import { dfeConnected, dfeSettings } from './settings.ts';

let made: { address: string; key: string; api: DfeApi } | null = null;

export function dfeApiOf(ctx: AppContext): DfeApi | null {
  if (ctx.dfe !== undefined) return ctx.dfe;
  const settings = dfeSettings();
  if (!dfeConnected(settings)) return null;
  if (made?.address !== settings.baseUrl || made.key !== settings.subscriptionKey)
    made = {
      address: settings.baseUrl,
      key: settings.subscriptionKey,
      api: new HttpDfeApi({ baseUrl: settings.baseUrl, subscriptionKey: settings.subscriptionKey, callsPerMinute: settings.callsPerMinute }),
    };
  return made.api;
}
