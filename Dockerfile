# c360, one image for every service: `node dist/c360.js start --only <service>` runs one of
# gateway|identity|crm|commerce|stores|web|support|surveys|consent|profile|privacy, and
# `node dist/c360.js start` the all-in-one product. Built from the production build
# (`npm run build` → dist/c360.js), never run through a TypeScript loader.

# --- build: the whole tree with dev dependencies, compiled, then pruned to production dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf tests bench .data .git

# --- run: no compiler, no dev dependencies, no shell needed at run time, not root.
FROM node:22-bookworm-slim AS run
# NODE_OPTIONS: a young generation sized for page-sized batches (embedded/src/node-flags.ts), for a service started
# alone (`start --only …`) as for the workers `start` forks.
ENV NODE_ENV=production \
    C360_MODE=production \
    HOST=0.0.0.0 \
    NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
# The schemas, migrations and supergraph the services read beside their code come with the tree.
COPY --from=build --chown=root:root /app /app
RUN groupadd --system --gid 10001 c360 \
 && useradd --system --uid 10001 --gid c360 --no-create-home --shell /usr/sbin/nologin c360 \
 && mkdir -p /data/till-exports && chown c360:c360 /data/till-exports
USER 10001:10001
EXPOSE 4000 4001 4002 4003 4004 4005 4006 4007 4008 4009 4010
# Liveness of the all-in-one gateway; orchestrators use /live and /ready per service (deploy/k8s).
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/c360.js", "start"]
