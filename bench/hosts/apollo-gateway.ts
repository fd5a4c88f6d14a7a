/**
 * The baseline: vanilla @apollo/gateway + @apollo/server, no plugins, standalone HTTP server,
 * serving the supergraph file given as the first argument (its routing URLs point at the
 * subgraph processes). Reports its URL over IPC.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

async function main() {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.argv[2]!, 'utf8') });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
  process.on('disconnect', () => void server.stop().then(() => process.exit(0)));
  process.send?.({ ready: url });
}

main().catch((err: Error) => {
  console.error(`bench apollo gateway failed: ${err.stack}`);
  process.exit(1);
});
