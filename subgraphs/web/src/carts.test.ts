import { abandonedCarts, cartValue, pageOfCarts } from './carts';
import type { EventRow } from './models';

/** Pure derivation: no services needed. */

let seq = 0;
function event(
  name: string,
  at: string,
  session: string,
  product?: { sku: string; quantity?: number; price?: string; currency?: string },
): EventRow {
  seq += 1;
  return {
    event_id: `e${String(seq).padStart(4, '0')}`,
    event_name: name,
    derived_tstamp: new Date(at),
    domain_userid: `cookie-of-${session}`,
    domain_sessionid: session,
    page_view_id: null,
    page_url: null,
    page_title: null,
    page_referrer: null,
    mkt_campaign: null,
    mkt_clickid: null,
    mkt_network: null,
    product_sku: product?.sku ?? null,
    product_name: product ? `Name of ${product.sku}` : null,
    product_quantity: product ? (product.quantity ?? 1) : null,
    product_price: product?.price ?? null,
    product_currency: product?.currency ?? null,
    last_ping_at: null,
  };
}

describe('abandonedCarts', () => {
  it('keeps what is left in a session cart that was never checked out, newest cart first', () => {
    const carts = abandonedCarts([
      event('add_to_cart', '2026-01-01T10:00:00Z', 's1', { sku: 'A', quantity: 2, price: '10.99', currency: 'EUR' }),
      event('add_to_cart', '2026-01-01T10:01:00Z', 's1', { sku: 'B', price: '5.00', currency: 'EUR' }),
      event('remove_from_cart', '2026-01-01T10:02:00Z', 's1', { sku: 'A', quantity: 1 }),
      event('add_to_cart', '2026-02-01T10:00:00Z', 's2', { sku: 'C', price: '1.50', currency: 'EUR' }),
    ]);
    expect(carts).toEqual([
      {
        sessionId: 's2',
        cookieId: 'cookie-of-s2',
        abandonedAt: new Date('2026-02-01T10:00:00Z'),
        items: [{ sku: 'C', productName: 'Name of C', quantity: 1, price: '1.50', currency: 'EUR' }],
      },
      {
        sessionId: 's1',
        cookieId: 'cookie-of-s1',
        abandonedAt: new Date('2026-01-01T10:02:00Z'),
        items: [
          { sku: 'A', productName: 'Name of A', quantity: 1, price: '10.99', currency: 'EUR' },
          { sku: 'B', productName: 'Name of B', quantity: 1, price: '5.00', currency: 'EUR' },
        ],
      },
    ]);
  });

  it('drops a cart checked out after its last change, in the same session or a later one', () => {
    const carts = abandonedCarts([
      event('add_to_cart', '2026-01-01T10:00:00Z', 's1', { sku: 'A' }),
      event('checkout_started', '2026-01-01T10:05:00Z', 's1'),
      event('add_to_cart', '2026-01-02T10:00:00Z', 's2', { sku: 'B' }),
      event('checkout_started', '2026-01-09T10:00:00Z', 's3'),
    ]);
    expect(carts).toEqual([]);
  });

  it('keeps a cart changed after its checkout started, and drops one emptied by removals', () => {
    const carts = abandonedCarts([
      event('add_to_cart', '2026-01-01T10:00:00Z', 's1', { sku: 'A' }),
      event('checkout_started', '2026-01-01T10:05:00Z', 's1'),
      event('add_to_cart', '2026-01-01T10:06:00Z', 's1', { sku: 'B' }),
      event('add_to_cart', '2026-01-03T10:00:00Z', 's2', { sku: 'C' }),
      event('remove_from_cart', '2026-01-03T10:01:00Z', 's2', { sku: 'C', quantity: 3 }),
    ]);
    expect(carts.map((c) => [c.sessionId, c.items.map((i) => `${i.sku}x${i.quantity}`)])).toEqual([
      ['s1', ['Ax1', 'Bx1']],
    ]);
  });
});

describe('pageOfCarts', () => {
  const carts = abandonedCarts([
    event('add_to_cart', '2026-01-01T10:00:00Z', 's1', { sku: 'A' }),
    event('add_to_cart', '2026-01-02T10:00:00Z', 's2', { sku: 'B' }),
    event('add_to_cart', '2026-01-02T10:00:00Z', 's3', { sku: 'C' }),
  ]);

  it('pages newest first from a cursor, ties broken by session id, with the total', () => {
    const first = pageOfCarts(carts, 2, null);
    expect(first.carts.map((c) => c.sessionId)).toEqual(['s3', 's2']);
    expect([first.hasNextPage, first.totalCount]).toEqual([true, 3]);
    const second = pageOfCarts(carts, 2, { at: '2026-01-02T10:00:00.000Z', id: 's2' });
    expect(second).toEqual({ carts: [carts[2]], hasNextPage: false, totalCount: 3 });
  });
});

describe('cartValue', () => {
  const item = (price: string | null, quantity: number, currency: string | null = 'GBP') => ({
    sku: 'X',
    productName: null,
    quantity,
    price,
    currency,
  });

  it('adds up in cents, never in floats', () => {
    expect(cartValue([item('0.10', 3), item('0.20', 1), item('129.99', 2)])).toEqual({
      amount: '260.48',
      currency: 'GBP',
    });
  });

  it('is null when currencies differ or a price is missing', () => {
    expect(cartValue([item('1.00', 1, 'GBP'), item('1.00', 1, 'EUR')])).toBeNull();
    expect(cartValue([item('1.00', 1), item(null, 1)])).toBeNull();
  });
});
