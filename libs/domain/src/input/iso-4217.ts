/**
 * The current ISO 4217 currency codes (list one), without XTS (reserved for testing) and XXX (no
 * currency): neither can price a contract. Codes in a transition period (ANG/XCG, BGN) are kept
 * until their withdrawal date has passed; withdrawn ones (HRK, SLL, ZWL, …) are not listed.
 */
const CODES = `
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR
MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB
RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD
TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR
XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG
`;

export const ISO_4217_CODES: ReadonlySet<string> = new Set(CODES.trim().split(/\s+/));

export function isIsoCurrency(value: unknown): value is string {
  return typeof value === 'string' && ISO_4217_CODES.has(value);
}

/**
 * Why a currency code is refused, or undefined when it is a current ISO 4217 code. One message for
 * every entry point (contracts, terms, checkout, price lists, exchange rates, imports).
 */
export function currencyProblem(value: unknown): string | undefined {
  if (isIsoCurrency(value)) return undefined;
  if (typeof value === 'string' && /^[A-Z]{3}$/.test(value)) return `"${value}" is not a current ISO 4217 currency code`;
  return 'must be an ISO 4217 code such as "USD"';
}
