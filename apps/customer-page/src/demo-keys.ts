/**
 * The demo API keys of the customer page's clients (gateway/clients.json, a
 * file marked `demo` that the gateway refuses in production). They are
 * published in the README; a real deployment signs users in and gives the
 * page a short-lived token instead (JWT, see docs/customer-page.md).
 */
export const DEMO_KEYS: Record<string, string> = {
  sales: 'c360_DEMO_cp_sales_0euxppQ61C9CrBlxUmpaS4YYjRQ6Y',
  'call-centre': 'c360_DEMO_cp_call_centre_nIciVGS0CxH1t0ceS6b3skP',
  cashier: 'c360_DEMO_cp_cashier_eC9Yk7RrfeKJ3AN9O42apmdB6lB',
  steward: 'c360_DEMO_cp_steward_4IX2rICEkJgP1NyiMXKC2jakNey',
  marketer: 'c360_DEMO_cp_marketer_3PKKnbqL1GZpOPRkxsZDflxm2v',
};
