import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import YAML from 'yaml';

export const GRAPH_SCHEMA_DIR = __dirname;
export const SUPERGRAPH_CONFIG = path.join(GRAPH_SCHEMA_DIR, 'supergraph.yaml');
export const SUPERGRAPH_PATH = path.join(GRAPH_SCHEMA_DIR, 'supergraph.graphql');

interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export interface SubgraphDefinition {
  name: string;
  url: string;
  sdl: string;
}

export function readSubgraphs(configPath = SUPERGRAPH_CONFIG): SubgraphDefinition[] {
  const config = YAML.parse(readFileSync(configPath, 'utf8')) as SupergraphConfig;
  return Object.entries(config.subgraphs).map(([name, sub]) => ({
    name,
    url: sub.routing_url,
    sdl: readFileSync(path.resolve(path.dirname(configPath), sub.schema.file), 'utf8'),
  }));
}

/** Composes the subgraphs with Apollo's composition library; throws with every composition error listed. */
export function compose(subgraphs = readSubgraphs()): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl, { noLocation: false }) })),
  );
  if (result.errors) {
    throw new Error(
      `Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}\nFix the subgraph schemas and run \`npm run compose\` again.`,
    );
  }
  return result.supergraphSdl;
}

if (require.main === module) {
  try {
    const sdl = compose();
    const previous = (() => {
      try {
        return readFileSync(SUPERGRAPH_PATH, 'utf8');
      } catch {
        return '';
      }
    })();
    writeFileSync(SUPERGRAPH_PATH, sdl);
    console.log(
      `${previous === sdl ? 'unchanged' : 'wrote'} ${path.relative(process.cwd(), SUPERGRAPH_PATH)} (${readSubgraphs().length} subgraphs)`,
    );
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
