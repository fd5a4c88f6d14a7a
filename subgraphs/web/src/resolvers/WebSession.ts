import type { WebSessionConnectionResolvers, WebSessionResolvers } from '../__generated__/resolvers-types';
import { encodeTimeCursor, type WebContext } from '../context';
import type { EventRow } from '../models';

const CART_ACTIONS = {
  add_to_cart: 'ADD_TO_CART',
  remove_from_cart: 'REMOVE_FROM_CART',
  checkout_started: 'CHECKOUT_STARTED',
} as const;

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

const money = (amount: string | null, currency: string | null) =>
  amount !== null && currency?.trim() ? { amount, currency: currency.trim() } : null;

export const WebSession: WebSessionResolvers = {
  // The representation holds the key field (`sessionId`), not a mapped row.
  __resolveReference: (ref, { loaders }) => loaders.sessions.load((ref as unknown as { sessionId: string }).sessionId),
  sessionId: (s) => s.domain_sessionid,
  cookieId: (s) => s.domain_userid,
  sessionIndex: (s) => s.domain_sessionidx,
  startedAt: (s) => s.start_tstamp.toISOString(),
  endedAt: (s) => s.end_tstamp.toISOString(),
  durationSeconds: (s) => seconds(s.start_tstamp, s.end_tstamp),
  landingPageUrl: (s) => s.first_page_url,
  landingPageTitle: (s) => s.first_page_title,
  referrer: (s) => s.referrer,
  utmCampaign: (s) => s.mkt_campaign,
  utmSource: (s) => s.mkt_source,
  utmMedium: (s) => s.mkt_medium,
  device: (s) => ({ type: s.device_class, browser: s.br_family, operatingSystem: s.os_family }),
  country: (s) => s.geo_country?.trim() || null,
  // The site sets user_id once the visitor has logged in; the model keeps the session's last one.
  loggedIn: (s) => s.user_id !== null,
  pageViewCount: (s) => s.page_views,
  pageViews: async (s, _args, { loaders }) =>
    (await eventsOf(s.domain_sessionid, 'page_view', loaders)).map((e) => ({
      viewedAt: e.derived_tstamp.toISOString(),
      url: e.page_url,
      title: e.page_title,
      referrer: e.page_referrer,
      timeOnPageSeconds: e.last_ping_at ? seconds(e.derived_tstamp, e.last_ping_at) : 0,
    })),
  adClicks: async (s, _args, { loaders }) =>
    (await eventsOf(s.domain_sessionid, 'ad_click', loaders)).map((e) => ({
      clickedAt: e.derived_tstamp.toISOString(),
      network: e.mkt_network,
      campaign: e.mkt_campaign,
      clickId: e.mkt_clickid,
      landingPageUrl: e.page_url,
    })),
  cartEvents: async (s, _args, { loaders }) => {
    const events = await loaders.sessionEvents.load(s.domain_sessionid);
    return events
      .filter((e): e is EventRow & { event_name: keyof typeof CART_ACTIONS } => e.event_name in CART_ACTIONS)
      .map((e) => {
        const checkout = e.event_name === 'checkout_started';
        return {
          action: CART_ACTIONS[e.event_name],
          at: e.derived_tstamp.toISOString(),
          sku: checkout ? null : e.product_sku,
          productName: checkout ? null : e.product_name,
          quantity: checkout ? null : e.product_quantity,
          unitPrice: checkout ? null : money(e.product_price, e.product_currency),
        };
      });
  },
};

async function eventsOf(sessionId: string, name: string, loaders: WebContext['loaders']): Promise<EventRow[]> {
  return (await loaders.sessionEvents.load(sessionId)).filter((e) => e.event_name === name);
}

export const WebSessionConnection: WebSessionConnectionResolvers = {
  edges: (page) =>
    page.sessions.map((s) => ({ cursor: encodeTimeCursor(s.start_tstamp, s.domain_sessionid), node: s })),
  pageInfo: (page) => {
    const last = page.sessions[page.sessions.length - 1];
    return {
      hasNextPage: page.hasNextPage,
      endCursor: last ? encodeTimeCursor(last.start_tstamp, last.domain_sessionid) : null,
    };
  },
  totalCount: (page) => page.totalCount,
};
