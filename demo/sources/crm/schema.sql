-- Demo CRM (PostgreSQL). Shaped like a sales CRM's contact table: values are
-- stored as the sales reps typed them (phones in national formats, mixed-case
-- emails); normalisation is the identity graph's job, not the CRM's.
CREATE TABLE IF NOT EXISTS contacts (
  contact_id      TEXT PRIMARY KEY,              -- 'CRM-000001'
  first_name      TEXT,
  last_name       TEXT,
  email_personal  TEXT,
  email_work      TEXT,
  phone_mobile    TEXT,
  phone_work      TEXT,
  company         TEXT,
  job_title       TEXT,
  owner_name      TEXT,                          -- the sales rep who owns the contact
  street          TEXT,
  city            TEXT,
  postcode        TEXT,
  country         CHAR(2),                       -- ISO 3166-1 alpha-2, region hint for phones
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The observation feed reads contacts incrementally by (updated_at, contact_id).
CREATE INDEX IF NOT EXISTS contacts_feed_idx ON contacts (updated_at, contact_id);
