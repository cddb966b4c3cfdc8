// Order of methods: a recommendation that warns, never blocks (seeds/INDEX.md, "Order of
// methods"). The rules in force are the EPAO policy's preferred order where it sets one,
// else the standard's (001 §5 for ST0071; 003, Order of end-point assessments for ST0072).
import type { IsoDate } from '../calendar/dates.ts';
import type { Finding } from '../outcome.ts';
import type { Order } from '../standards/schema.ts';

/** One warning listing every recommended pair the dates reverse, or none. Same-day pairs are not reversed. */
export function orderWarning(order: Order, dates: ReadonlyMap<string, IsoDate>): Finding | null {
  const reversed = order.rules.filter((rule) => {
    const before = dates.get(rule.before);
    const after = dates.get(rule.after);
    return before !== undefined && after !== undefined && before > after;
  });
  if (reversed.length === 0) return null;
  const booked = [...dates.entries()].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map(([m]) => m);
  return {
    code: 'ORDER_NOT_RECOMMENDED',
    message: `booked order ${booked.join(' → ')} differs from the recommended ${reversed.map((r) => `${r.before} before ${r.after}`).join(', ')}`,
    source: [...new Set(reversed.map((r) => r.source))].join('; '),
    methods: booked,
    recommended: [...order.sequence],
    pairs: reversed.map((r) => ({ before: r.before, after: r.after })),
  };
}
