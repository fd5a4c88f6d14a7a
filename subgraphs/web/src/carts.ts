import type { TimeCursor } from './context';
import type { AbandonedWebCartConnectionModel, AbandonedWebCartModel, CartItemModel, EventRow } from './models';

/**
 * The carts a customer left, from their cart events across all their cookies
 * (in time order): a cart is a session's cart changes, and it is abandoned when
 * it still holds products and no checkout was started after its last change,
 * in that session or a later one (a logged-in cart follows the customer, so a
 * later checkout is taken to have bought it). Most recently abandoned first.
 *
 * Derived in memory rather than in SQL: a customer's cart events are few, and
 * the rule reads more plainly as a replay than as window functions.
 */
export function abandonedCarts(events: readonly EventRow[]): AbandonedWebCartModel[] {
  const carts = new Map<string, AbandonedWebCartModel & { byId: Map<string, CartItemModel> }>();
  let lastCheckout: number | null = null;
  for (const event of events) {
    const at = event.derived_tstamp.getTime();
    if (event.event_name === 'checkout_started') {
      lastCheckout = Math.max(lastCheckout ?? at, at);
      continue;
    }
    if (!event.product_sku) continue;
    let cart = carts.get(event.domain_sessionid);
    if (!cart) {
      cart = {
        sessionId: event.domain_sessionid,
        cookieId: event.domain_userid,
        abandonedAt: event.derived_tstamp,
        items: [],
        byId: new Map(),
      };
      carts.set(event.domain_sessionid, cart);
    }
    if (at > cart.abandonedAt.getTime()) cart.abandonedAt = event.derived_tstamp;
    const quantity = event.product_quantity ?? 1;
    const item = cart.byId.get(event.product_sku) ?? {
      sku: event.product_sku,
      productName: null,
      quantity: 0,
      price: null,
      currency: null,
    };
    if (event.event_name === 'add_to_cart') {
      item.quantity += quantity;
      item.productName = event.product_name ?? item.productName;
      item.price = event.product_price ?? item.price;
      item.currency = event.product_currency?.trim() || item.currency;
    } else if (event.event_name === 'remove_from_cart') {
      item.quantity = Math.max(0, item.quantity - quantity);
    }
    cart.byId.set(item.sku, item);
  }
  const left: AbandonedWebCartModel[] = [];
  for (const { byId, ...cart } of carts.values()) {
    const items = [...byId.values()].filter((i) => i.quantity > 0).sort((a, b) => a.sku.localeCompare(b.sku));
    if (items.length === 0) continue;
    if (lastCheckout !== null && lastCheckout >= cart.abandonedAt.getTime()) continue;
    left.push({ ...cart, items });
  }
  return left.sort((a, b) => b.abandonedAt.getTime() - a.abandonedAt.getTime() || compare(b.sessionId, a.sessionId));
}

/** One page of carts (sorted newest first), starting after the cursor's cart. */
export function pageOfCarts(
  carts: readonly AbandonedWebCartModel[],
  size: number,
  after: TimeCursor | null,
): AbandonedWebCartConnectionModel {
  const cursorAt = after ? Date.parse(after.at) : 0;
  const rest = after
    ? carts.filter((cart) => {
        const at = cart.abandonedAt.getTime();
        return at < cursorAt || (at === cursorAt && cart.sessionId < after.id);
      })
    : carts;
  return { carts: rest.slice(0, size), hasNextPage: rest.length > size, totalCount: carts.length };
}

/** The value of a cart's items in integer cents; null when a price is missing or currencies differ. */
export function cartValue(items: readonly CartItemModel[]): { amount: string; currency: string } | null {
  const currencies = new Set(items.map((i) => i.currency));
  const [currency] = currencies;
  if (currencies.size !== 1 || !currency || items.some((i) => i.price === null)) return null;
  let cents = 0;
  for (const item of items) cents += toCents(item.price!) * item.quantity;
  return { amount: fromCents(cents), currency };
}

function toCents(amount: string): number {
  const [whole = '0', fraction = ''] = amount.split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2)));
}

function fromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
