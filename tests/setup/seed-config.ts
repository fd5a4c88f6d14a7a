import path from 'node:path';
import { loadEmbeddedConfig, type EmbeddedConfig } from '@c360/embedded/config';
import { testEnv } from './test-env';

/**
 * The test settings with every demo source of a seed test elsewhere: its databases named `<test database>_<suffix>`,
 * its till exports and help-desk file under `dir/<subfolder>`; so that a seed test replaces no other suite's data.
 */
export function seedTestConfig(suffix: string, dir: string, subfolder = ''): EmbeddedConfig {
  const env = testEnv();
  const database = (url: string | undefined) => `${url}_${suffix}`;
  return loadEmbeddedConfig(
    testEnv({
      CRM_DATABASE_URL: database(env.CRM_DATABASE_URL),
      COMMERCE_DATABASE_URL: database(env.COMMERCE_DATABASE_URL),
      WEB_DATABASE_URL: database(env.WEB_DATABASE_URL),
      SURVEYS_DATABASE_URL: database(env.SURVEYS_DATABASE_URL),
      CONSENT_DATABASE_URL: database(env.CONSENT_DATABASE_URL),
      STORES_EXPORT_DIR: path.join(dir, subfolder, 'stores'),
      HELPDESK_DATA_PATH: path.join(dir, subfolder, 'helpdesk.json'),
    }),
  );
}
