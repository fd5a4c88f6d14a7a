/**
 * The self-hosted explorer: GraphiQL and its explorer plugin, bundled from npm
 * and served by the gateway at /explorer, so that it works on a network
 * without internet (Apollo Sandbox loads from Apollo's CDN). It talks to
 * /graphql like any client: the API key goes in the x-api-key header (the
 * Headers tab), and the gateway's authentication and introspection rules apply.
 */
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/dist/style.css';

const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).href });
const explorer = explorerPlugin();

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      plugins={[explorer]}
      shouldPersistHeaders
      defaultQuery={
        '# c360 explorer. Outside development, put your API key in the Headers tab below:\n#   { "x-api-key": "c360_…" }\nquery {\n  customerByIdentifier(kind: EMAIL, value: "someone@example.com") {\n    id\n  }\n}\n'
      }
    />
  </StrictMode>,
);
