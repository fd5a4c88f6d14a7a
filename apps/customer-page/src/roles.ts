/**
 * The page's views. Each is a client of its own in the gateway's clients file
 * (persisted operations only, manifest `customer-page`), with the scopes its
 * job needs: the page asks the gateway for nothing the key does not allow.
 */
export interface Role {
  id: string;
  label: string;
  /** Whether the client holds pii:read: without it, the page uses the masked operations. */
  pii: boolean;
  /** Whether the client holds identity:write (unlink, match review). */
  steward: boolean;
  /** Whether the view edits segments (the client holds admin, reachable only through the page's segment operations). */
  marketer?: boolean;
  description: string;
}

export const ROLES: Role[] = [
  { id: 'sales', label: 'Sales rep', pii: true, steward: false, description: 'customers with their personal data' },
  {
    id: 'call-centre',
    label: 'Call-centre agent',
    pii: true,
    steward: false,
    description: 'customers with their personal data and consents',
  },
  {
    id: 'cashier',
    label: 'Store cashier',
    pii: false,
    steward: false,
    description: 'loyalty and purchases; personal data masked',
  },
  {
    id: 'steward',
    label: 'Data steward',
    pii: true,
    steward: true,
    description: 'the identity graph, unlink and match review',
  },
  {
    id: 'marketer',
    label: 'Marketer',
    pii: true,
    steward: false,
    marketer: true,
    description: 'segments: define, preview and export',
  },
];

export const roleById = (id: string | null | undefined) => ROLES.find((r) => r.id === id);
