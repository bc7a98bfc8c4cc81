# Nautilus core, one instance per container. Build: `docker build -t nautilus .`
# Runs as the unprivileged `node` user; binds 0.0.0.0 inside the container only (NAUTILUS_HOST),
# so publish or proxy the port deliberately (docker-compose.yml puts nginx in front).

FROM node:24-bookworm-slim AS build
# The pnpm release the lockfile was written with (scripts/nautilus.sh pins the same).
RUN npm install --global --no-audit --no-fund pnpm@12.21.0
WORKDIR /app
# Dependencies first, from the lockfile alone, so a source change does not refetch them.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
RUN pnpm install --offline --frozen-lockfile
# The browser app and the widget bundles are built here, at image build time, never at start.
RUN pnpm --filter @nautilus/builder run build \
 && pnpm --filter './plugins/*' --if-present run build
# Only what runs in production stays: dev dependencies (vite, vitest, biome…) go.
RUN find . -name node_modules -type d -prune -exec rm -rf {} + \
 && pnpm install --offline --frozen-lockfile --prod \
 && mkdir -p runtime/node_modules/.cache/nautilus

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    NAUTILUS_HOST=0.0.0.0 \
    NAUTILUS_PORT=3000 \
    NAUTILUS_DATA_DIR=/var/lib/nautilus
WORKDIR /app
# Code owned by root and read-only for the server; the data dir and the strategy runtime's build
# cache (runtime/node_modules/.cache) are the only places it writes.
COPY --from=build /app /app
RUN mkdir -p /var/lib/nautilus \
 && chown -R node:node /var/lib/nautilus /app/runtime/node_modules/.cache \
 && chmod 0700 /var/lib/nautilus
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--no-node-snapshot", "core/src/cli.ts", "start"]
