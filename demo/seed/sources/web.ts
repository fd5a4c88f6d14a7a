/**
 * Demo web analytics: the tracked behaviour of the demo people on the shop's
 * website, as a Snowplow-like warehouse holds it (demo/sources/web/schema.sql):
 * raw events keyed by first-party cookie, and the data model's sessions and
 * users tables derived from them.
 *
 * About 45 % of the people browse the site (every `everywhere` person does),
 * on one to three browsers (cookies); most browsers see a login, where the
 * site records the email the visitor typed, but some never do and stay
 * anonymous. Many more cookies belong to nobody known: visitors who never
 * logged in. Those are not in the ground truth, since no person owns them.
 *
 * Pure and deterministic (one seeded faker stream, times from `nowMs`); the
 * loader at the bottom writes the result into PostgreSQL.
 */
import type { Pool, PoolClient } from 'pg';
import type { Faker } from '@faker-js/faker';
import { sourceFaker, type DemoPerson, type SourceSeedContext, type SourceTruthRecord } from './contract';
import { analyzePostgres } from '../analyze';
import { copyRows, type RowProgress } from '../copy';

/** This source's random stream (see sourceFaker). */
export const WEB_STREAM = 2002;
export const WEB_SYSTEM = 'web';

/** Share of the people who browse the website. */
const WEB_SHARE = 0.45;
/** Cookies of nobody known, per person of the population. */
const ANONYMOUS_COOKIES_PER_PERSON = 0.6;
const SITE = 'https://shop.c360.example';
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Least time between two session starts of a cookie: longer than any session (and its 30 idle minutes). */
const SESSION_GAP_MS = 3 * HOUR_MS;
/** How far back browsing history goes. */
const HISTORY_MS = 2 * 365 * DAY_MS;
/** The tracker's activity tracking: first ping after 10 s on a page, then every 30 s while active. */
const MIN_VISIT_S = 10;
const HEARTBEAT_S = 30;

export type WebEventName =
  'page_view' | 'page_ping' | 'ad_click' | 'add_to_cart' | 'remove_from_cart' | 'checkout_started' | 'login';

/** A row of `atomic.events`; times are ISO-8601 UTC with milliseconds. */
export interface WebEvent {
  eventId: string;
  eventName: WebEventName;
  collectorTstamp: string;
  derivedTstamp: string;
  domainUserid: string;
  domainSessionid: string;
  domainSessionidx: number;
  userId: string | null;
  pageViewId: string | null;
  pageUrl: string | null;
  pageTitle: string | null;
  pageReferrer: string | null;
  mktMedium: string | null;
  mktSource: string | null;
  mktCampaign: string | null;
  mktClickid: string | null;
  mktNetwork: string | null;
  deviceClass: string;
  brFamily: string;
  osFamily: string;
  geoCountry: string;
  productSku: string | null;
  productName: string | null;
  productQuantity: number | null;
  /** Decimal string with 2 places. */
  productPrice: string | null;
  productCurrency: string | null;
}

/** A row of `derived.snowplow_web_sessions`. */
export interface WebSessionRecord {
  domainSessionid: string;
  domainUserid: string;
  domainSessionidx: number;
  userId: string | null;
  startTstamp: string;
  endTstamp: string;
  pageViews: number;
  firstPageUrl: string | null;
  firstPageTitle: string | null;
  referrer: string | null;
  mktMedium: string | null;
  mktSource: string | null;
  mktCampaign: string | null;
  deviceClass: string;
  brFamily: string;
  osFamily: string;
  geoCountry: string;
}

/** A row of `derived.snowplow_web_users`: one browser cookie. */
export interface WebUserRecord {
  domainUserid: string;
  userId: string | null;
  startTstamp: string;
  endTstamp: string;
  sessions: number;
  pageViews: number;
}

export interface WebData {
  events: WebEvent[];
  sessions: WebSessionRecord[];
  users: WebUserRecord[];
}

export interface WebStats {
  /** People with at least one cookie. */
  people: number;
  everywherePeople: number;
  personCookies: number;
  /** Person cookies with at least one login: the ones the identity graph can tie to someone. */
  loggedInCookies: number;
  /** Cookies of nobody known (not in the truth). */
  anonymousCookies: number;
  sessions: number;
  events: number;
  logins: number;
  adClicks: number;
  cartEvents: number;
}

export interface WebSeed {
  data: WebData;
  truth: SourceTruthRecord[];
  stats: WebStats;
}

// ---------------------------------------------------------------------------
// Reference data

type Weighted<T> = ReadonlyArray<{ weight: number; value: T }>;

/** Seconds spent on a page, by bucket. */
const DWELL_S: Weighted<readonly [number, number]> = [
  { weight: 22, value: [2, 9] },
  { weight: 50, value: [10, 70] },
  { weight: 23, value: [71, 150] },
  { weight: 5, value: [151, 400] },
];

interface Device {
  deviceClass: string;
  brFamily: string;
  osFamily: string;
}

const DEVICES: Weighted<Device> = [
  { weight: 24, value: { deviceClass: 'Desktop', brFamily: 'Chrome', osFamily: 'Windows' } },
  { weight: 8, value: { deviceClass: 'Desktop', brFamily: 'Edge', osFamily: 'Windows' } },
  { weight: 4, value: { deviceClass: 'Desktop', brFamily: 'Firefox', osFamily: 'Windows' } },
  { weight: 9, value: { deviceClass: 'Desktop', brFamily: 'Safari', osFamily: 'Mac OS X' } },
  { weight: 5, value: { deviceClass: 'Desktop', brFamily: 'Chrome', osFamily: 'Mac OS X' } },
  { weight: 22, value: { deviceClass: 'Phone', brFamily: 'Mobile Safari', osFamily: 'iOS' } },
  { weight: 17, value: { deviceClass: 'Phone', brFamily: 'Chrome Mobile', osFamily: 'Android' } },
  { weight: 4, value: { deviceClass: 'Phone', brFamily: 'Samsung Internet', osFamily: 'Android' } },
  { weight: 5, value: { deviceClass: 'Tablet', brFamily: 'Mobile Safari', osFamily: 'iOS' } },
  { weight: 2, value: { deviceClass: 'Tablet', brFamily: 'Chrome', osFamily: 'Android' } },
];

type Channel = 'direct' | 'organic' | 'paid_search' | 'paid_social' | 'email' | 'social' | 'referral';

const CHANNELS: Weighted<Channel> = [
  { weight: 25, value: 'direct' },
  { weight: 24, value: 'organic' },
  { weight: 15, value: 'paid_search' },
  { weight: 8, value: 'paid_social' },
  { weight: 13, value: 'email' },
  { weight: 7, value: 'social' },
  { weight: 8, value: 'referral' },
];

const SEARCH_ENGINES: Weighted<string> = [
  { weight: 85, value: 'https://www.google.com/' },
  { weight: 8, value: 'https://www.bing.com/' },
  { weight: 4, value: 'https://duckduckgo.com/' },
  { weight: 3, value: 'https://www.ecosia.org/' },
];

const CAMPAIGNS: Record<'paid_search' | 'paid_social' | 'email', readonly string[]> = {
  paid_search: ['brand-search', 'generic-search', 'shopping-feed', 'black-friday'],
  paid_social: ['new-collection', 'retargeting-cart', 'summer-sale', 'black-friday'],
  email: ['newsletter-weekly', 'welcome-series', 'back-in-stock', 'winter-sale'],
};

const CATEGORIES = ['new-in', 'women', 'men', 'home', 'kitchen', 'garden', 'sale'] as const;

/** Local price list of each country the demo people live in. */
const CURRENCY: Record<string, 'EUR' | 'GBP' | 'USD'> = { FR: 'EUR', DE: 'EUR', ES: 'EUR', GB: 'GBP', US: 'USD' };
const OTHER_COUNTRIES = ['FR', 'GB', 'DE', 'US', 'ES', 'IT', 'NL', 'BE', 'CH', 'PT'] as const;

interface Product {
  sku: string;
  name: string;
  slug: string;
  /** Price in cents by currency; the local lists follow the euro one, like the shop's. */
  cents: Record<'EUR' | 'GBP' | 'USD', number>;
}

interface Page {
  url: string;
  title: string;
  product?: Product;
}

/** What a session is made to contain (the everywhere people's sessions are arranged, the rest drawn). */
interface SessionPlan {
  channel: Channel;
  /** Email typed at login, or null when the visitor does not log in. */
  login: string | null;
  cart: 'none' | 'abandon' | 'checkout';
}

interface CookiePlan {
  cookie: string;
  device: Device;
  country: string;
  currency: 'EUR' | 'GBP' | 'USD';
  sessions: SessionPlan[];
  firstSeenMs: number;
}

// ---------------------------------------------------------------------------
// Generation

class WebGenerator {
  private readonly f: Faker;
  private readonly catalogue: Product[];
  private readonly cookies = new Set<string>();
  private events: WebEvent[] = [];
  readonly stats: WebStats = {
    people: 0,
    everywherePeople: 0,
    personCookies: 0,
    loggedInCookies: 0,
    anonymousCookies: 0,
    sessions: 0,
    events: 0,
    logins: 0,
    adClicks: 0,
    cartEvents: 0,
  };

  constructor(private readonly ctx: SourceSeedContext) {
    this.f = sourceFaker(ctx.seed, WEB_STREAM);
    this.catalogue = this.buildCatalogue();
  }

  /** The truth of the person cookies written so far (complete once `chunks` is exhausted). */
  readonly truth: SourceTruthRecord[] = [];
  /** People and anonymous visitors gone through so far, of `visitors`. */
  done = 0;

  /** The people, then the anonymous visitors: what `done` counts up to. */
  get visitors(): number {
    return this.ctx.people.length + this.anonymousCookies;
  }

  /** Cookies of nobody known, written after the people's. */
  private get anonymousCookies(): number {
    return Math.round(this.ctx.people.length * ANONYMOUS_COOKIES_PER_PERSON);
  }

  run(): WebSeed {
    const data: WebData = { events: [], sessions: [], users: [] };
    for (const chunk of this.chunks(Number.POSITIVE_INFINITY)) {
      for (const e of chunk.events) data.events.push(e);
      for (const s of chunk.sessions) data.sessions.push(s);
      for (const u of chunk.users) data.users.push(u);
    }
    return { data, truth: this.truth, stats: this.stats };
  }

  /**
   * The data in chunks of whole cookies (each cookie's sessions and user row in the same chunk as
   * its events), in the order of `run`: concatenated, the chunks are `run`'s data. Memory stays
   * bounded by one chunk whatever the number of people.
   */
  *chunks(cookiesPerChunk: number): Generator<WebData> {
    let cookies = 0;
    for (const _ of this.cookies_()) {
      if (++cookies >= cookiesPerChunk) {
        yield this.flush();
        cookies = 0;
      }
    }
    if (this.events.length > 0) yield this.flush();
  }

  /** Writes the cookies one at a time (their events into `events`), person cookies first. */
  private *cookies_(): Generator<void> {
    const { people } = this.ctx;
    const everywhere = people.filter((p) => p.everywhere).length;
    // Everyone marked everywhere browses; the others fill up to the target share.
    const othersShare = Math.max(0, (WEB_SHARE * people.length - everywhere) / Math.max(1, people.length - everywhere));
    for (const person of people) {
      this.done += 1;
      if (!person.everywhere && !this.chance(othersShare)) continue;
      this.stats.people += 1;
      if (person.everywhere) this.stats.everywherePeople += 1;
      for (const plan of this.personCookies(person)) {
        this.writeCookie(plan);
        this.stats.personCookies += 1;
        const logins = [...new Set(plan.sessions.flatMap((s) => (s.login === null ? [] : [normaliseEmail(s.login)])))];
        if (logins.length > 0) this.stats.loggedInCookies += 1;
        this.truth.push({
          personId: person.id,
          system: WEB_SYSTEM,
          localId: plan.cookie,
          identifiers: [
            { kind: 'COOKIE', value: plan.cookie },
            ...logins.map((value) => ({ kind: 'EMAIL' as const, value })),
          ],
        });
        yield;
      }
    }
    const anonymous = this.anonymousCookies;
    for (let i = 0; i < anonymous; i++) {
      this.done += 1;
      this.writeCookie(this.anonymousCookie());
      this.stats.anonymousCookies += 1;
      yield;
    }
  }

  /** The events written since the last flush, with the sessions and users derived from them. */
  private flush(): WebData {
    const events = this.events;
    this.events = [];
    const { sessions, users } = deriveWebModel(events);
    this.stats.sessions += sessions.length;
    this.stats.events += events.length;
    return { events, sessions, users };
  }

  private chance(p: number): boolean {
    return this.f.datatype.boolean({ probability: p });
  }

  private int(min: number, max: number): number {
    return this.f.number.int({ min, max });
  }

  private buildCatalogue(): Product[] {
    const names = new Set<string>();
    const skus = new Set<string>();
    const items: Product[] = [];
    while (items.length < 40) {
      const name = this.f.commerce.productName();
      // Six digits: the shop's own catalogue is not shared with this seed, so
      // its SKUs (five digits) are never reused here for another product.
      const sku = `SKU-${this.int(100000, 999999)}`;
      if (names.has(name) || skus.has(sku)) continue;
      names.add(name);
      skus.add(sku);
      const euros = this.int(4, 249);
      items.push({
        sku,
        name,
        slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        cents: {
          EUR: euros * 100 + 99,
          GBP: Math.floor(euros * 0.86) * 100 + 99,
          USD: Math.floor(euros * 1.1) * 100 + 99,
        },
      });
    }
    return items;
  }

  private newCookie(): string {
    for (;;) {
      const cookie = this.f.string.uuid();
      if (!this.cookies.has(cookie)) {
        this.cookies.add(cookie);
        return cookie;
      }
    }
  }

  /** The email a person types in the login form: their own, with the usual capitals and stray spaces. */
  private typedLogin(person: DemoPerson, useWork: boolean): string {
    const email = useWork && person.workEmail ? person.workEmail : person.personalEmail;
    const r = this.f.number.float();
    let typed = email;
    if (r < 0.1) typed = email.charAt(0).toUpperCase() + email.slice(1);
    else if (r < 0.14) typed = email.toUpperCase();
    if (this.chance(0.06)) typed = `${typed} `;
    return typed;
  }

  private personCookies(person: DemoPerson): CookiePlan[] {
    const count = this.f.helpers.weightedArrayElement([
      { weight: 55, value: 1 },
      { weight: 33, value: 2 },
      { weight: 12, value: 3 },
    ]);
    const plans: CookiePlan[] = [];
    for (let c = 0; c < count; c++) {
      // The first browser is the one people shop from; others (work desktop,
      // partner's tablet) log in less often.
      const logsIn = (person.everywhere && c === 0) || this.chance(c === 0 ? 0.8 : 0.55);
      const useWork = c > 0 && person.workEmail !== null && this.chance(0.3);
      const sessionCount = person.everywhere && c === 0 ? this.int(3, 6) : this.int(1, 5);
      const sessions: SessionPlan[] = [];
      for (let s = 0; s < sessionCount; s++) {
        sessions.push({
          channel: this.f.helpers.weightedArrayElement(CHANNELS),
          login: null,
          cart: this.f.helpers.weightedArrayElement([
            { weight: 78, value: 'none' as const },
            { weight: 12, value: 'abandon' as const },
            { weight: 10, value: 'checkout' as const },
          ]),
        });
      }
      if (logsIn) {
        const first = this.int(0, sessionCount - 1);
        for (let s = first; s < sessionCount; s++) {
          if (s === first || this.chance(0.4)) sessions[s]!.login = this.typedLogin(person, useWork);
        }
      }
      if (person.everywhere && c === 0) this.arrangeShowcase(person, sessions);
      plans.push({
        cookie: this.newCookie(),
        device: this.f.helpers.weightedArrayElement(DEVICES),
        country: this.chance(0.92) ? person.country : this.f.helpers.arrayElement(OTHER_COUNTRIES),
        currency: CURRENCY[person.country] ?? 'EUR',
        sessions,
        firstSeenMs: this.ctx.nowMs - this.int(2 * DAY_MS, HISTORY_MS),
      });
    }
    return plans;
  }

  /**
   * The demo shows every `everywhere` person's web activity in full on their
   * main browser: an ad click, a checkout, a cart left in its latest session,
   * and a login there with their personal email.
   */
  private arrangeShowcase(person: DemoPerson, sessions: SessionPlan[]): void {
    const last = sessions.length - 1;
    const ad = this.int(0, last - 1);
    sessions[ad]!.channel = this.f.helpers.arrayElement(['paid_search', 'paid_social'] as const);
    sessions[last === ad + 1 ? ad : ad + 1]!.cart = 'checkout';
    sessions[last]!.cart = 'abandon';
    sessions[last]!.login ??= this.typedLogin(person, false);
  }

  private anonymousCookie(): CookiePlan {
    const country = this.f.helpers.arrayElement(OTHER_COUNTRIES);
    const sessionCount = this.f.helpers.weightedArrayElement([
      { weight: 70, value: 1 },
      { weight: 22, value: 2 },
      { weight: 8, value: 3 },
    ]);
    return {
      cookie: this.newCookie(),
      device: this.f.helpers.weightedArrayElement(DEVICES),
      country,
      currency: CURRENCY[country] ?? 'EUR',
      sessions: Array.from({ length: sessionCount }, () => ({
        channel: this.f.helpers.weightedArrayElement(CHANNELS),
        login: null,
        cart: this.chance(0.1) ? ('abandon' as const) : ('none' as const),
      })),
      firstSeenMs: this.ctx.nowMs - this.int(2 * DAY_MS, HISTORY_MS),
    };
  }

  /** Session start times between the cookie's first visit and now, in order, at least a gap apart. */
  private sessionStarts(plan: CookiePlan): number[] {
    // A session lasts under two hours: starting a gap before now keeps every event in the past.
    const latest = this.ctx.nowMs - SESSION_GAP_MS;
    const n = plan.sessions.length;
    const starts = Array.from({ length: n }, (_, i) =>
      i === 0 ? plan.firstSeenMs : this.int(plan.firstSeenMs, latest),
    ).sort((a, b) => a - b);
    for (let i = 1; i < n; i++) starts[i] = Math.max(starts[i]!, starts[i - 1]! + SESSION_GAP_MS);
    for (let i = n - 1; i >= 0; i--) starts[i] = Math.min(starts[i]!, latest - (n - 1 - i) * SESSION_GAP_MS);
    return starts;
  }

  private writeCookie(plan: CookiePlan): void {
    const starts = this.sessionStarts(plan);
    plan.sessions.forEach((session, i) => this.writeSession(plan, session, i + 1, starts[i]!));
  }

  // -- one session -----------------------------------------------------------

  private writeSession(plan: CookiePlan, session: SessionPlan, index: number, startMs: number): void {
    const sessionId = this.f.string.uuid();
    let now = startMs;
    let userId: string | null = null;
    let previousUrl: string | null = null;
    const landing = this.landing(session.channel);
    const base = {
      domainUserid: plan.cookie,
      domainSessionid: sessionId,
      domainSessionidx: index,
      deviceClass: plan.device.deviceClass,
      brFamily: plan.device.brFamily,
      osFamily: plan.device.osFamily,
      geoCountry: plan.country,
    };
    const emit = (
      eventName: WebEventName,
      page: { id: string; page: Page; referrer: string | null; mkt: Marketing | null } | null,
      extra: Partial<WebEvent> = {},
    ) => {
      now += 1 + this.int(0, 400);
      this.events.push({
        eventId: this.f.string.uuid(),
        eventName,
        // The collector receives events a little after they happen.
        collectorTstamp: new Date(now + this.int(30, 900)).toISOString(),
        derivedTstamp: new Date(now).toISOString(),
        ...base,
        userId,
        pageViewId: page?.id ?? null,
        pageUrl: page?.page.url ?? null,
        pageTitle: page?.page.title ?? null,
        pageReferrer: page?.referrer ?? null,
        mktMedium: page?.mkt?.medium ?? null,
        mktSource: page?.mkt?.source ?? null,
        mktCampaign: page?.mkt?.campaign ?? null,
        mktClickid: page?.mkt?.clickId ?? null,
        mktNetwork: page?.mkt?.network ?? null,
        productSku: null,
        productName: null,
        productQuantity: null,
        productPrice: null,
        productCurrency: null,
        ...extra,
      });
    };
    /** A page view, then the activity pings while the visitor stays on it. */
    const view = (page: Page, mkt: Marketing | null, dwellS: number) => {
      const current = { id: this.f.string.uuid(), page, referrer: previousUrl ?? landing.referrer, mkt };
      emit('page_view', current);
      const viewedAt = now;
      for (let t = MIN_VISIT_S; t <= dwellS; t += HEARTBEAT_S) {
        now = viewedAt + t * 1000 + this.int(0, 300);
        emit('page_ping', current);
      }
      // The next page comes after the time spent here, pinged or not.
      now = Math.max(now, viewedAt + dwellS * 1000);
      previousUrl = page.url;
      return current;
    };
    /** Seconds spent on a page: a few bounce at once, most read a while, some linger. */
    const dwell = () => {
      const [min, max] = this.f.helpers.weightedArrayElement(DWELL_S);
      return this.int(min, max);
    };

    if (landing.mkt?.clickId) {
      emit('ad_click', { id: this.f.string.uuid(), page: landing.page, referrer: landing.referrer, mkt: landing.mkt });
      this.stats.adClicks += 1;
    }
    let current = view(landing.page, landing.mkt, dwell());
    const pages = this.f.helpers.weightedArrayElement([
      { weight: 30, value: 0 },
      { weight: 40, value: this.int(1, 3) },
      { weight: 30, value: this.int(4, 8) },
    ]);
    const loginAt = session.login === null ? -1 : this.int(0, pages);
    let cartPage: Page | null = null;
    for (let n = 0; n <= pages; n++) {
      if (n === loginAt) {
        current = view({ url: `${SITE}/account/login`, title: 'Sign in | C360 Shop' }, null, this.int(10, 40));
        // The site sets the tracker's user id on login, to what the visitor typed,
        // and tracks the login: that event and every later one carry it.
        userId = session.login;
        emit('login', current);
        this.stats.logins += 1;
      }
      if (n === pages) break;
      const product = this.f.helpers.arrayElement(this.catalogue);
      const page: Page = this.chance(0.35)
        ? { url: `${SITE}/c/${this.f.helpers.arrayElement(CATEGORIES)}`, title: 'Shop by category | C360 Shop' }
        : { url: `${SITE}/p/${product.slug}`, title: `${product.name} | C360 Shop`, product };
      current = view(page, null, dwell());
      if (page.product && session.cart !== 'none' && (cartPage === null || this.chance(0.3))) {
        emit('add_to_cart', current, this.productFields(page.product, plan.currency, this.int(1, 2)));
        this.stats.cartEvents += 1;
        cartPage = page;
      }
    }
    if (session.cart !== 'none' && cartPage === null) {
      // Every cart session puts at least one product in the cart.
      const product = this.f.helpers.arrayElement(this.catalogue);
      cartPage = { url: `${SITE}/p/${product.slug}`, title: `${product.name} | C360 Shop`, product };
      current = view(cartPage, null, dwell());
      emit('add_to_cart', current, this.productFields(product, plan.currency, 1));
      this.stats.cartEvents += 1;
    }
    if (session.cart !== 'none') {
      current = view({ url: `${SITE}/cart`, title: 'Your cart | C360 Shop' }, null, this.int(5, 60));
      if (this.chance(0.15)) {
        // Second thoughts: a product suggested on the cart page is added, then taken out again.
        emit('add_to_cart', current, this.productFields(this.catalogue[0]!, plan.currency, 1));
        emit('remove_from_cart', current, this.productFields(this.catalogue[0]!, plan.currency, 1));
        this.stats.cartEvents += 2;
      }
      if (session.cart === 'checkout') {
        current = view({ url: `${SITE}/checkout`, title: 'Checkout | C360 Shop' }, null, this.int(20, 240));
        emit('checkout_started', current);
        this.stats.cartEvents += 1;
      }
    }
  }

  private productFields(product: Product, currency: 'EUR' | 'GBP' | 'USD', quantity: number): Partial<WebEvent> {
    const cents = product.cents[currency];
    return {
      productSku: product.sku,
      productName: product.name,
      productQuantity: quantity,
      productPrice: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      productCurrency: currency,
    };
  }

  /** Where a session enters the site and how it got there: referrer, UTM parameters and ad click id. */
  private landing(channel: Channel): { page: Page; referrer: string | null; mkt: Marketing | null } {
    const product = this.f.helpers.arrayElement(this.catalogue);
    const productPage: Page = { url: `${SITE}/p/${product.slug}`, title: `${product.name} | C360 Shop`, product };
    const home: Page = { url: `${SITE}/`, title: 'C360 Shop | Home' };
    const category = this.f.helpers.arrayElement(CATEGORIES);
    const categoryPage: Page = { url: `${SITE}/c/${category}`, title: 'Shop by category | C360 Shop' };
    const withQuery = (page: Page, query: Record<string, string>): Page => ({
      ...page,
      url: `${page.url}?${new URLSearchParams(query).toString()}`,
    });
    switch (channel) {
      case 'direct':
        return { page: home, referrer: null, mkt: null };
      case 'organic':
        return {
          page: this.chance(0.5) ? productPage : categoryPage,
          referrer: this.f.helpers.weightedArrayElement(SEARCH_ENGINES),
          mkt: null,
        };
      case 'paid_search': {
        const google = this.chance(0.85);
        const campaign = this.f.helpers.arrayElement(CAMPAIGNS.paid_search);
        const clickId = google
          ? `Cj0KCQiA${this.f.string.alphanumeric(40)}`
          : this.f.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' });
        const source = google ? 'google' : 'bing';
        const mkt: Marketing = {
          medium: 'cpc',
          source,
          campaign,
          clickId,
          network: google ? 'Google' : 'Microsoft',
        };
        const query = {
          utm_source: source,
          utm_medium: 'cpc',
          utm_campaign: campaign,
          [google ? 'gclid' : 'msclkid']: clickId,
        };
        return {
          page: withQuery(this.chance(0.6) ? productPage : categoryPage, query),
          referrer: google ? 'https://www.google.com/' : 'https://www.bing.com/',
          mkt,
        };
      }
      case 'paid_social': {
        const campaign = this.f.helpers.arrayElement(CAMPAIGNS.paid_social);
        const clickId = `IwAR${this.f.string.alphanumeric(44)}`;
        const source = this.chance(0.6) ? 'facebook' : 'instagram';
        const mkt: Marketing = { medium: 'paid_social', source, campaign, clickId, network: 'Facebook' };
        return {
          page: withQuery(productPage, {
            utm_source: source,
            utm_medium: 'paid_social',
            utm_campaign: campaign,
            fbclid: clickId,
          }),
          referrer: source === 'facebook' ? 'https://m.facebook.com/' : 'https://l.instagram.com/',
          mkt,
        };
      }
      case 'email': {
        const campaign = this.f.helpers.arrayElement(CAMPAIGNS.email);
        const mkt: Marketing = { medium: 'email', source: 'newsletter', campaign, clickId: null, network: null };
        return {
          page: withQuery(this.chance(0.5) ? home : productPage, {
            utm_source: 'newsletter',
            utm_medium: 'email',
            utm_campaign: campaign,
          }),
          // Mail clients send no referrer.
          referrer: null,
          mkt,
        };
      }
      case 'social':
        return {
          page: productPage,
          referrer: this.f.helpers.arrayElement([
            'https://www.instagram.com/',
            'https://www.pinterest.com/',
            'https://t.co/',
          ]),
          mkt: null,
        };
      case 'referral':
        return {
          page: this.chance(0.5) ? productPage : categoryPage,
          referrer: `https://www.${this.f.word.noun().toLowerCase()}-${this.f.word.adjective().toLowerCase()}.example/${this.f.lorem.slug(3)}`,
          mkt: null,
        };
    }
  }
}

interface Marketing {
  medium: string;
  source: string;
  campaign: string;
  clickId: string | null;
  network: string | null;
}

const normaliseEmail = (raw: string) => raw.trim().toLowerCase();

/**
 * Generates the web analytics of the demo people, with the ground truth of the
 * cookies that belong to them. Pure: the same context gives the same result.
 */
export function generateWeb(ctx: SourceSeedContext): WebSeed {
  return new WebGenerator(ctx).run();
}

/** Cookies per chunk of a streamed web seed: a few thousand events. */
const STREAM_COOKIES_PER_CHUNK = 200;

/**
 * The web seed generated as it is read: `data` yields the rows of `generateWeb` in chunks of whole
 * cookies (for `loadWeb`, which writes them as they come), and `truth` and `stats` are complete
 * once `data` is exhausted; `onVisitors` hears, after each chunk, how many of the `visitors`
 * (people, then anonymous visitors) were gone through. For populations whose events would not
 * fit in memory (about 42 per person).
 */
export function streamWeb(
  ctx: SourceSeedContext,
  onVisitors?: (done: number) => void,
): { data: Iterable<WebData>; truth: SourceTruthRecord[]; stats: WebStats; visitors: number } {
  const generator = new WebGenerator(ctx);
  function* data(): Generator<WebData> {
    for (const chunk of generator.chunks(STREAM_COOKIES_PER_CHUNK)) {
      yield chunk;
      onVisitors?.(generator.done);
    }
  }
  return { data: data(), truth: generator.truth, stats: generator.stats, visitors: generator.visitors };
}

/**
 * The web data model: the sessions and users (cookies) tables derived from
 * the events, as the warehouse's modelling job computes them. Exported so that
 * tests can write consistent rows from a handful of events.
 */
export function deriveWebModel(events: readonly WebEvent[]): { sessions: WebSessionRecord[]; users: WebUserRecord[] } {
  const bySession = new Map<string, WebEvent[]>();
  for (const event of events) {
    const list = bySession.get(event.domainSessionid);
    if (list) list.push(event);
    else bySession.set(event.domainSessionid, [event]);
  }
  const order = (a: WebEvent, b: WebEvent) =>
    compare(a.derivedTstamp, b.derivedTstamp) || compare(a.eventId, b.eventId);
  const sessions: WebSessionRecord[] = [];
  for (const [sessionId, list] of bySession) {
    list.sort(order);
    const first = list[0]!;
    const landing = list.find((e) => e.eventName === 'page_view');
    const userIds = list.filter((e) => e.userId !== null);
    sessions.push({
      domainSessionid: sessionId,
      domainUserid: first.domainUserid,
      domainSessionidx: first.domainSessionidx,
      userId: userIds[userIds.length - 1]?.userId ?? null,
      startTstamp: first.derivedTstamp,
      endTstamp: list[list.length - 1]!.derivedTstamp,
      pageViews: list.filter((e) => e.eventName === 'page_view').length,
      firstPageUrl: landing?.pageUrl ?? null,
      firstPageTitle: landing?.pageTitle ?? null,
      referrer: landing?.pageReferrer ?? null,
      mktMedium: landing?.mktMedium ?? null,
      mktSource: landing?.mktSource ?? null,
      mktCampaign: landing?.mktCampaign ?? null,
      deviceClass: first.deviceClass,
      brFamily: first.brFamily,
      osFamily: first.osFamily,
      geoCountry: first.geoCountry,
    });
  }
  const byCookie = new Map<string, WebSessionRecord[]>();
  for (const session of sessions) {
    const list = byCookie.get(session.domainUserid);
    if (list) list.push(session);
    else byCookie.set(session.domainUserid, [session]);
  }
  const users: WebUserRecord[] = [];
  for (const [cookie, list] of byCookie) {
    list.sort((a, b) => compare(a.startTstamp, b.startTstamp));
    const known = list.filter((s) => s.userId !== null);
    users.push({
      domainUserid: cookie,
      userId: known[known.length - 1]?.userId ?? null,
      startTstamp: list[0]!.startTstamp,
      endTstamp: list.reduce((end, s) => (s.endTstamp > end ? s.endTstamp : end), list[0]!.endTstamp),
      sessions: list.length,
      pageViews: list.reduce((sum, s) => sum + s.pageViews, 0),
    });
  }
  return { sessions, users };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------
// Loading

type Column<T> = readonly [name: string, type: string, value: (row: T) => unknown];

const EVENT_COLUMNS: readonly Column<WebEvent>[] = [
  ['event_id', 'uuid', (e) => e.eventId],
  ['event_name', 'text', (e) => e.eventName],
  ['collector_tstamp', 'timestamptz', (e) => e.collectorTstamp],
  ['derived_tstamp', 'timestamptz', (e) => e.derivedTstamp],
  ['domain_userid', 'text', (e) => e.domainUserid],
  ['domain_sessionid', 'text', (e) => e.domainSessionid],
  ['domain_sessionidx', 'int', (e) => e.domainSessionidx],
  ['user_id', 'text', (e) => e.userId],
  ['page_view_id', 'text', (e) => e.pageViewId],
  ['page_url', 'text', (e) => e.pageUrl],
  ['page_title', 'text', (e) => e.pageTitle],
  ['page_referrer', 'text', (e) => e.pageReferrer],
  ['mkt_medium', 'text', (e) => e.mktMedium],
  ['mkt_source', 'text', (e) => e.mktSource],
  ['mkt_campaign', 'text', (e) => e.mktCampaign],
  ['mkt_clickid', 'text', (e) => e.mktClickid],
  ['mkt_network', 'text', (e) => e.mktNetwork],
  ['device_class', 'text', (e) => e.deviceClass],
  ['br_family', 'text', (e) => e.brFamily],
  ['os_family', 'text', (e) => e.osFamily],
  ['geo_country', 'text', (e) => e.geoCountry],
  ['product_sku', 'text', (e) => e.productSku],
  ['product_name', 'text', (e) => e.productName],
  ['product_quantity', 'int', (e) => e.productQuantity],
  ['product_price', 'numeric', (e) => e.productPrice],
  ['product_currency', 'text', (e) => e.productCurrency],
];

const SESSION_COLUMNS: readonly Column<WebSessionRecord>[] = [
  ['domain_sessionid', 'text', (s) => s.domainSessionid],
  ['domain_userid', 'text', (s) => s.domainUserid],
  ['domain_sessionidx', 'int', (s) => s.domainSessionidx],
  ['user_id', 'text', (s) => s.userId],
  ['start_tstamp', 'timestamptz', (s) => s.startTstamp],
  ['end_tstamp', 'timestamptz', (s) => s.endTstamp],
  ['page_views', 'int', (s) => s.pageViews],
  ['first_page_url', 'text', (s) => s.firstPageUrl],
  ['first_page_title', 'text', (s) => s.firstPageTitle],
  ['referrer', 'text', (s) => s.referrer],
  ['mkt_medium', 'text', (s) => s.mktMedium],
  ['mkt_source', 'text', (s) => s.mktSource],
  ['mkt_campaign', 'text', (s) => s.mktCampaign],
  ['device_class', 'text', (s) => s.deviceClass],
  ['br_family', 'text', (s) => s.brFamily],
  ['os_family', 'text', (s) => s.osFamily],
  ['geo_country', 'text', (s) => s.geoCountry],
];

const USER_COLUMNS: readonly Column<WebUserRecord>[] = [
  ['domain_userid', 'text', (u) => u.domainUserid],
  ['user_id', 'text', (u) => u.userId],
  ['start_tstamp', 'timestamptz', (u) => u.startTstamp],
  ['end_tstamp', 'timestamptz', (u) => u.endTstamp],
  ['sessions', 'int', (u) => u.sessions],
  ['page_views', 'int', (u) => u.pageViews],
];

/** Rows written so far of each table, after each chunk. */
export type WebProgress = (table: 'events' | 'sessions' | 'users', rows: number) => void;

/** Bulk load of one table: `COPY … FROM STDIN`, streamed in chunks. */
async function copyTable<T>(
  client: PoolClient,
  table: string,
  columns: readonly Column<T>[],
  rows: Iterable<T>,
  progress?: RowProgress,
): Promise<number> {
  return copyRows(
    client,
    table,
    columns.map(([name]) => name),
    rows,
    (row) => columns.map(([, , value]) => value(row)),
    progress,
  );
}

/**
 * Writes web analytics rows (events and their derived sessions and cookies) without touching
 * other rows: on the given client (inside its transaction), or on a client of the given pool.
 * Given chunks, it writes each chunk's events as the chunk comes (one `COPY`), then the sessions
 * and users of all of them; returns how many rows of each table it wrote.
 */
export async function insertWebRows(
  db: Pool | PoolClient,
  data: WebData | Iterable<WebData>,
  progress?: WebProgress,
): Promise<{ events: number; sessions: number; users: number }> {
  const client = 'release' in db ? db : await db.connect();
  const sessions: WebSessionRecord[] = [];
  const users: WebUserRecord[] = [];
  const chunks: Iterable<WebData> = 'events' in data ? [data] : data;
  function* events(): Generator<WebEvent> {
    for (const chunk of chunks) {
      yield* chunk.events;
      for (const s of chunk.sessions) sessions.push(s);
      for (const u of chunk.users) users.push(u);
    }
  }
  try {
    const written = await copyTable(client, 'atomic.events', EVENT_COLUMNS, events(), (n) => progress?.('events', n));
    await copyTable(client, 'derived.snowplow_web_sessions', SESSION_COLUMNS, sessions, (n) =>
      progress?.('sessions', n),
    );
    await copyTable(client, 'derived.snowplow_web_users', USER_COLUMNS, users, (n) => progress?.('users', n));
    return { events: written, sessions: sessions.length, users: users.length };
  } finally {
    if (client !== db) client.release();
  }
}

export interface WebSeedTarget {
  /** Pool on the web analytics database (WEB_DATABASE_URL), whose tables exist (demo/sources/web/schema.sql). */
  pool: Pool;
  /** Progress messages. @default no output */
  log?: (msg: string) => void;
  /** Rows written so far, per table. @default none */
  progress?: WebProgress;
}

export interface WebLoadResult {
  cookies: number;
  sessions: number;
  events: number;
  ms: number;
}

/**
 * Replaces the warehouse's content with the generated data in one
 * transaction: a failure leaves the previous data in place.
 */
export async function loadWeb(data: WebData | Iterable<WebData>, target: WebSeedTarget): Promise<WebLoadResult> {
  const { pool, log = () => undefined } = target;
  const started = Date.now();
  const client: PoolClient = await pool.connect();
  let failed = false;
  let written = { events: 0, sessions: 0, users: 0 };
  try {
    await client.query('BEGIN');
    await client.query('TRUNCATE atomic.events, derived.snowplow_web_sessions, derived.snowplow_web_users');
    // Indexes are built once after the load rather than maintained row by row (the tables are empty and locked by
    // the TRUNCATE until the commit): the secondary ones, and the primary keys, which no foreign key references (a
    // random UUID key took 40% of the events' COPY). Adding a key back checks it: duplicates fail the load.
    const tables = "ARRAY['atomic.events', 'derived.snowplow_web_sessions', 'derived.snowplow_web_users']::regclass[]";
    const { rows: keys } = await client.query<{ table: string; name: string; def: string }>(
      `SELECT c.conrelid::regclass::text AS table, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
       WHERE c.conrelid = ANY(${tables}) AND c.contype = 'p'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid)`,
    );
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       WHERE i.indrelid = ANY(${tables})
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    );
    for (const { name } of indexes) await client.query(`DROP INDEX ${name}`);
    for (const { table, name } of keys) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
    written = await insertWebRows(client, data, target.progress);
    for (const { table, name, def } of keys) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${def}`);
    for (const { def } of indexes) await client.query(def);
    await client.query('COMMIT');
    await analyzePostgres(client, ['atomic.events', 'derived.snowplow_web_sessions', 'derived.snowplow_web_users']);
  } catch (err) {
    failed = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    // A client that failed mid-transaction is discarded rather than reused.
    client.release(failed);
  }
  const result: WebLoadResult = {
    cookies: written.users,
    sessions: written.sessions,
    events: written.events,
    ms: Date.now() - started,
  };
  log(`seed: web ${result.cookies} cookies, ${result.sessions} sessions, ${result.events} events in ${result.ms} ms`);
  return result;
}
