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
} as const;
