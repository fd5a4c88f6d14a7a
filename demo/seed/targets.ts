import path from 'node:path';
import mysql from 'mysql2/promise';
import { Pool } from 'pg';
import type { Pool as PgPool } from 'pg';
import type { Pool as MysqlPool } from 'mysql2/promise';
import type { SeedTargets } from './load';

export interface FurtherSourceTargets {
  /** Web analytics warehouse (PostgreSQL). */
  web: PgPool;
  /** Survey tool database (MariaDB). */
  surveys: MysqlPool;
  /** Consent register (PostgreSQL), migrated by its loader. */
  consent: PgPool;
  /** Till export folder. */
  storesDir: string;
  /** Help-desk simulator data file. */
  helpdeskFile: string;
}

/** Where each demo source lives, as the product's settings give them. */
export interface SeedLocations {
  CRM_DATABASE_URL: string;
  COMMERCE_DATABASE_URL: string;
  WEB_DATABASE_URL: string;
  SURVEYS_DATABASE_URL: string;
  CONSENT_DATABASE_URL: string;
  STORES_EXPORT_DIR: string;
  HELPDESK_DATA_PATH: string;
}

/**
 * Opens small pools on every demo source for the seed (relative folders and
 * files are taken from `root`); `close` ends them all.
 */
export function openSeedTargets(
  at: SeedLocations,
  root: string,
): SeedTargets & { sources: FurtherSourceTargets; close(): Promise<void> } {
  const pg = new Pool({ connectionString: at.CRM_DATABASE_URL, max: 2 });
  const shop = mysql.createPool({ uri: at.COMMERCE_DATABASE_URL, connectionLimit: 2, timezone: 'Z' });
  const web = new Pool({ connectionString: at.WEB_DATABASE_URL, max: 2 });
  const surveys = mysql.createPool({ uri: at.SURVEYS_DATABASE_URL, connectionLimit: 2, timezone: 'Z' });
  const consent = new Pool({ connectionString: at.CONSENT_DATABASE_URL, max: 2 });
  return {
    pg,
    mysql: shop,
    sources: {
      web,
      surveys,
      consent,
      storesDir: path.resolve(root, at.STORES_EXPORT_DIR),
      helpdeskFile: path.resolve(root, at.HELPDESK_DATA_PATH),
    },
    async close() {
      await Promise.allSettled([pg.end(), shop.end(), web.end(), surveys.end(), consent.end()]);
    },
  };
}
