-- Demo web analytics warehouse (PostgreSQL), shaped like a Snowplow pipeline's
-- tables: `atomic.events` holds every tracked event as the enrichment wrote it
-- (one wide row per event, contexts flattened into columns), and `derived.*`
-- are the tables the web data model builds from it (one row per session, one
-- per browser cookie), as Snowplow's dbt web model does. Identifiers are kept
-- as the tracker sent them: `domain_userid` is the first-party cookie id, and
-- `user_id` is what the site passes on login (here the email the visitor typed).
--
-- Applied on every start: idempotent. Timestamps have millisecond precision,
-- like the trackers that produce them.
CREATE SCHEMA IF NOT EXISTS atomic;
CREATE SCHEMA IF NOT EXISTS derived;

CREATE TABLE IF NOT EXISTS atomic.events (
  event_id           UUID PRIMARY KEY,
  -- page_view, page_ping, ad_click, add_to_cart, remove_from_cart, checkout_started, login
  event_name         TEXT NOT NULL,
  collector_tstamp   TIMESTAMPTZ(3) NOT NULL,     -- when the collector received the event
  derived_tstamp     TIMESTAMPTZ(3) NOT NULL,     -- when it happened (device time corrected by the pipeline)
  domain_userid      TEXT NOT NULL,               -- first-party cookie id (_sp_id), one per browser
  domain_sessionid   TEXT NOT NULL,               -- session id set by the tracker
  domain_sessionidx  INT NOT NULL,                -- n-th session of this cookie
  user_id            TEXT,                        -- set by the site once the visitor logged in: the login as typed
  page_view_id       TEXT,                        -- web_page context: the page view an event happened on
  page_url           TEXT,
  page_title         TEXT,
  page_referrer      TEXT,
  mkt_medium         TEXT,                        -- utm_medium
  mkt_source         TEXT,                        -- utm_source
  mkt_campaign       TEXT,                        -- utm_campaign
  mkt_term           TEXT,                        -- utm_term
  mkt_content        TEXT,                        -- utm_content
  mkt_clickid        TEXT,                        -- gclid, msclkid, fbclid …
  mkt_network        TEXT,                        -- the ad network the click id belongs to
  device_class       TEXT,                        -- YAUAA context: Desktop, Phone, Tablet …
  br_family          TEXT,                        -- browser family
  os_family          TEXT,                        -- operating system family
  geo_country        CHAR(2),                     -- IP lookup enrichment, ISO 3166-1 alpha-2
  -- ecommerce product entity of cart events
  product_sku        TEXT,
  product_name       TEXT,
  product_quantity   INT,
  product_price      NUMERIC(12, 2),
  product_currency   CHAR(3)
);
-- A session's events, in time order (session pages, time on page, session lookup).
CREATE INDEX IF NOT EXISTS events_session_idx ON atomic.events (domain_sessionid, derived_tstamp);
-- A browser's events in time order (cart history of a customer's cookies).
CREATE INDEX IF NOT EXISTS events_cookie_idx ON atomic.events (domain_userid, derived_tstamp);
-- The logins of a cookie: what ties an anonymous browser to a known person.
CREATE INDEX IF NOT EXISTS events_login_idx ON atomic.events (domain_userid) WHERE event_name = 'login';

CREATE TABLE IF NOT EXISTS derived.snowplow_web_sessions (
  domain_sessionid   TEXT PRIMARY KEY,
  domain_userid      TEXT NOT NULL,
  domain_sessionidx  INT NOT NULL,
  user_id            TEXT,                        -- last user_id seen in the session
  start_tstamp       TIMESTAMPTZ(3) NOT NULL,     -- first event of the session
  end_tstamp         TIMESTAMPTZ(3) NOT NULL,     -- last event of the session (page pings included)
  page_views         INT NOT NULL,
  first_page_url     TEXT,                        -- landing page
  first_page_title   TEXT,
  referrer           TEXT,                        -- referrer of the landing page; NULL for direct traffic
  mkt_medium         TEXT,
  mkt_source         TEXT,
  mkt_campaign       TEXT,
  device_class       TEXT,
  br_family          TEXT,
  os_family          TEXT,
  geo_country        CHAR(2)
);
-- A customer's sessions across their cookies, newest first (paginated).
CREATE INDEX IF NOT EXISTS sessions_cookie_idx
  ON derived.snowplow_web_sessions (domain_userid, start_tstamp DESC, domain_sessionid DESC);

CREATE TABLE IF NOT EXISTS derived.snowplow_web_users (
  domain_userid      TEXT PRIMARY KEY,
  user_id            TEXT,                        -- last user_id seen on the cookie
  start_tstamp       TIMESTAMPTZ(3) NOT NULL,     -- first event of the cookie
  end_tstamp         TIMESTAMPTZ(3) NOT NULL,     -- last event of the cookie
  sessions           INT NOT NULL,
  page_views         INT NOT NULL
);
-- The observation feed reads cookies incrementally by (end_tstamp, domain_userid).
CREATE INDEX IF NOT EXISTS users_feed_idx ON derived.snowplow_web_users (end_tstamp, domain_userid);
