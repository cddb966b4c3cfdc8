// The DfE Assessor Service this process talks to: the context's (tests give the fake's), else
// the one the environment names, made once; null when Capstone is not connected.
import type { AppContext } from '../context.ts';
import { type DfeApi, HttpDfeApi } from './client.ts';
import { dfeConnected, dfeSettings } from './settings.ts';

let fromEnvironment: DfeApi | null | undefined;

export function dfeApiOf(ctx: AppContext): DfeApi | null {
  if (ctx.dfe !== undefined) return ctx.dfe;
  if (fromEnvironment === undefined) {
    const settings = dfeSettings();
    fromEnvironment = dfeConnected(settings)
      ? new HttpDfeApi({ baseUrl: settings.baseUrl, subscriptionKey: settings.subscriptionKey, callsPerMinute: settings.callsPerMinute })
      : null;
  }
  return fromEnvironment;
}
