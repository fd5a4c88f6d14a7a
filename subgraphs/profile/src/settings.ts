/**
 * Parses KPI_EXCHANGE_RATES: `GBP=1.17,USD=0.92`, the value of one unit of
 * each currency in the reporting currency. Throws naming the bad entry.
 */
export function parseExchangeRates(text: string): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([A-Z]{3})=(\d+(?:\.\d+)?)$/.exec(entry);
    if (!match || Number(match[2]) <= 0) {
      throw new Error(`expected CUR=rate entries like GBP=1.17 separated by commas, received "${entry}"`);
    }
    rates[match[1]!] = Number(match[2]);
  }
  return rates;
}
