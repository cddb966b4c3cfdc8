// The portfolio's KSB coverage: for each KSB the portfolio underpins (the method named by
// standard.gateway.portfolio.underpins), the pieces mapped to it. The gateway check's
// PORTFOLIO_KSB_UNCOVERED rule and the provider's coverage grid both read it from here.
import type { Standard } from '../standards/schema.ts';

export type PortfolioPiece = { id: string; name?: string; ksbs: readonly string[] };
export type CoverageRow = { ksb: string; statement: string; pieces: string[]; covered: boolean };
export type PortfolioCoverage = { method: string; rows: CoverageRow[]; uncovered: string[] };

/** The grid for a standard with a gateway portfolio; null for a standard without one. */
export function portfolioCoverage(standard: Standard, pieces: readonly PortfolioPiece[]): PortfolioCoverage | null {
  const rule = standard.gateway.portfolio;
  if (!rule) return null;
  const method = rule.value.underpins;
  const rows = standard.ksbs
    .filter((k) => k.methods.includes(method))
    .map((k) => {
      const covering = pieces.filter((p) => p.ksbs.includes(k.id)).map((p) => p.id);
      return { ksb: k.id, statement: k.statement, pieces: covering, covered: covering.length > 0 };
    });
  return { method, rows, uncovered: rows.filter((r) => !r.covered).map((r) => r.ksb) };
}
