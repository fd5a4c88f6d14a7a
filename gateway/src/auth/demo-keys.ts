/**
 * The API keys of the demo clients (gateway/clients.json), published in the
 * README so that anyone can try the embedded product. Their file is marked
 * `demo` and refused in production.
 */
export const DEMO_KEYS = {
  /** customer:read pii:read */
  'sales-app': 'c360_DEMO_sales_app_SA-ej7H-PKvE25efbbrtNHIPs8NS',
  /** customer:read, persisted operations only */
  'partner-app': 'c360_DEMO_partner_app_J8Nd3cG9r-kHR98ypekTCKrAqY',
  /** customer:read analyst */
  analyst: 'c360_DEMO_analyst_grSc_Xv9xNPTkIdhwp_JzEaSvPr8Oh',
  /** customer:read pii:read consent:write admin */
  'privacy-officer': 'c360_DEMO_privacy_officer_J4LsvCGuh_jAWjD9cB3PJf',
  /** customer:read identity:write */
  'identity-steward': 'c360_DEMO_identity_steward_EqbdV00LmYsFbh8L2nwJn',
  /** customer:read pii:read; the customer page's sales view, persisted operations only (manifest customer-page) */
  'customer-page-sales': 'c360_DEMO_cp_sales_0euxppQ61C9CrBlxUmpaS4YYjRQ6Y',
  /** customer:read pii:read consent:write; the customer page's call-centre view, persisted operations only (manifest customer-page) */
  'customer-page-call-centre': 'c360_DEMO_cp_call_centre_nIciVGS0CxH1t0ceS6b3skP',
  /** customer:read; the customer page's cashier view, persisted operations only (manifest customer-page) */
  'customer-page-cashier': 'c360_DEMO_cp_cashier_eC9Yk7RrfeKJ3AN9O42apmdB6lB',
  /** customer:read pii:read identity:write; the customer page's steward view, persisted operations only (manifest customer-page) */
  'customer-page-steward': 'c360_DEMO_cp_steward_4IX2rICEkJgP1NyiMXKC2jakNey',
  /** customer:read pii:read admin; the customer page's marketer view (segments), persisted operations only (manifest customer-page) */
  'customer-page-marketer': 'c360_DEMO_cp_marketer_3PKKnbqL1GZpOPRkxsZDflxm2v',
} as const;
