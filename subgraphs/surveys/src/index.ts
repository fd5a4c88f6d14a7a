import path from 'node:path';
import { startSourceSubgraph } from '@c360/kit/bootstrap';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { createContext } from './context';
import { resolvers } from './resolvers';
import { SurveyDatabase } from './sources/survey-database';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface SurveysSubgraphOptions {
  /** The survey tool's MariaDB database, e.g. mysql://root@127.0.0.1:3306/c360_surveys (SURVEYS_DATABASE_URL). */
  databaseUrl: string;
  /** Budget of one survey-tool query. @default 2000 */
  sourceTimeoutMs?: number;
  logger: Logger;
  host: string;
  /** @default 0 (a free port) */
  port?: number;
}

/** Starts the surveys subgraph over the survey tool's MariaDB database. */
export function startSurveysSubgraph(options: SurveysSubgraphOptions): Promise<RunningServer & { db: SurveyDatabase }> {
  return startSourceSubgraph({
    name: 'surveys',
    schemaPath: SCHEMA_PATH,
    resolvers,
    db: SurveyDatabase.connect(options.databaseUrl, options.sourceTimeoutMs ?? 2000),
    context: createContext,
    host: options.host,
    port: options.port,
    logger: options.logger,
  });
}
