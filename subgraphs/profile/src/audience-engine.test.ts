import { contactOn, goldenAttributesOf } from './audience-engine';
import type { CustomerModel } from './customer';
import { contactability, MARKETING_CHANNELS } from './derive';
import { candidatesOf, goldenProfile } from './golden';
import { DEFAULT_RULES, GOLDEN_ATTRIBUTES } from './rules';
import { evaluate, SEGMENT_FIELDS, type Condition, type SegmentField } from './segments';
import { segmentValues } from './derive';

const options = { defaultPhoneRegion: 'FR' };
const now = new Date('2026-06-01T00:00:00Z');
const granted = (channel: string, purpose = 'MARKETING') => ({
  purpose,
  channel,
  granted: true,
  since: '2025-01-01T00:00:00Z',
});

/** Customers with every kind of contact data, some missing one or another, some unreachable. */
const customers: CustomerModel[] = [
  {
    id: 'full',
    crmContacts: [
      {
        contactId: '1',
        firstName: 'Ann',
        lastName: 'Smith',
        personalEmail: 'Ann@Example.com',
        mobilePhone: '06 12 34 56 78',
        company: 'Acme',
        address: { street: '1 rue de la Paix', city: 'Paris', postcode: '75002', country: 'FR' },
        updatedAt: '2025-01-01T00:00:00Z',
      },
    ],
    helpDeskUsers: [{ id: 'h1', name: 'Ann Smith', email: 'ann@work.example', locale: 'fr-FR', updatedAt: null }],
    consents: MARKETING_CHANNELS.map((c) => granted(c)),
  },
  {
    id: 'phone-only',
    shopAccounts: [{ accountId: '2', firstName: 'Bob', phone: '+44 7911 123456', country: 'GB', updatedAt: null }],
    consents: [granted('SMS'), granted('PHONE'), granted('EMAIL')],
  },
  {
    id: 'email-no-consent',
    loyaltyCards: [{ cardNumber: 'C', email: 'cy@example.org', country: 'DE', updatedAt: null }],
    consents: [],
  },
  { id: 'consent-unknown', crmContacts: [{ contactId: '3', workEmail: 'd@example.net' }], consents: null },
];

/** Every single-field rule a profile or contactability field allows, true and false. */
const rules: Condition[] = (Object.keys(SEGMENT_FIELDS) as SegmentField[])
  .filter((f) => f.startsWith('profile.') || f.startsWith('contactable.'))
  .flatMap((field): Condition[] =>
    SEGMENT_FIELDS[field].type === 'boolean'
      ? [
          { field, op: 'eq', value: true },
          { field, op: 'eq', value: false },
        ]
      : [{ field, op: 'exists' }],
  );

describe('a scan builds only the golden attributes its rule reads', () => {
  it('maps each field, and an export channel, to the attribute it reads', () => {
    const rule: Condition = {
      all: [
        { field: 'contactable.EMAIL', op: 'eq', value: true },
        { field: 'kpi.orderCount', op: 'gte', value: 1 },
      ],
    };
    expect(goldenAttributesOf(rule, null)).toEqual(new Set(['EMAIL']));
    expect(goldenAttributesOf(rule, { channel: 'POST', purpose: 'MARKETING' })).toEqual(
      new Set(['EMAIL', 'POSTAL_ADDRESS']),
    );
    expect(goldenAttributesOf({ field: 'kpi.totalSpent', op: 'gt', value: 1 }, null)).toEqual(new Set());
    expect(goldenAttributesOf({ field: 'contactable.SMS', op: 'eq', value: true }, null)).toEqual(new Set(['PHONE']));
  });

  it('leaves the others empty: no phone number parsed for an email rule', () => {
    const only = candidatesOf(customers[0]!, options, new Set(['EMAIL']));
    expect(only.EMAIL.map((c) => c.value)).toEqual(['ann@example.com', 'ann@work.example']);
    expect([only.PHONE, only.NAME, only.POSTAL_ADDRESS, only.LANGUAGE, only.COMPANY]).toEqual([[], [], [], [], []]);
    const all = candidatesOf(customers[0]!, options);
    expect(all.PHONE.map((c) => c.value)).toEqual(['+33612345678']);
  });

  it('gives every rule the membership and every channel the contact of the whole golden profile', () => {
    let checked = 0;
    for (const customer of customers) {
      const whole = goldenProfile(customer, DEFAULT_RULES, options);
      const wholeValues = segmentValues(whole, null, contactability(customer.consents, whole), now);
      for (const rule of rules) {
        const part = goldenProfile(customer, DEFAULT_RULES, options, goldenAttributesOf(rule, null));
        const partValues = segmentValues(part, null, contactability(customer.consents, part), now);
        expect([customer.id, rule, evaluate(rule, partValues)]).toEqual([
          customer.id,
          rule,
          evaluate(rule, wholeValues),
        ]);
        checked += 1;
      }
      for (const channel of MARKETING_CHANNELS) {
        const reach = { channel, purpose: 'MARKETING' as const };
        const rule: Condition = { field: 'profile.hasCompany', op: 'exists' };
        const part = goldenProfile(customer, DEFAULT_RULES, options, goldenAttributesOf(rule, reach));
        const reachable = (p: typeof whole) =>
          contactability(customer.consents, p).find((c) => c.channel === channel)!.contactable;
        expect([customer.id, channel, reachable(part), contactOn(part, channel)]).toEqual([
          customer.id,
          channel,
          reachable(whole),
          contactOn(whole, channel),
        ]);
      }
    }
    // Both values of every boolean field were met: the customers above are not all alike.
    expect(checked).toBe(customers.length * rules.length);
    expect(GOLDEN_ATTRIBUTES.length).toBe(7);
  });
});
