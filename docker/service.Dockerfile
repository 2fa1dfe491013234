# syntax=docker/dockerfile:1
# One image per service from the npm-workspaces monorepo:
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=scoring -t tpx/scoring:dev .
# Targets: `runtime` (default, production), `dev` (Tilt: full dependencies, tsx watch, writable sources).
# The same image runs the service's migrations with another command:
#   node --import tsx scripts/migrate.ts --service <name>
# TypeScript runs through tsx (a runtime dependency), so there is no compile step; the Prisma client is generated here.

ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS base
# tini as PID 1: forwards SIGTERM to node and reaps zombies (node as PID 1 ignores default signal handling).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false

# Only the package manifests, so the dependency layers below stay cached until a manifest or the lockfile changes.
FROM base AS manifests
COPY . /context
RUN cd /context \
 && find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json \) -type f -print \
    | while read -r file; do install -D -m 0644 "$file" "/manifests/$file"; done

# Full dependencies of one workspace (the Prisma CLI is a devDependency) and the generated Prisma client.
FROM base AS build
ARG SERVICE
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<gateway|partner|survey|scoring|matching|notification>"; exit 1; }
COPY --from=manifests /manifests/ ./
RUN test -f "services/${SERVICE}/package.json" || { echo "unknown service '${SERVICE}'"; exit 1; }
# --ignore-scripts: no dependency of the services needs an install script (see shared notes/toolchain.md).
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --workspace "services/${SERVICE}" --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.base.json ./
COPY libs/ libs/
COPY scripts/ scripts/
COPY services/${SERVICE}/ services/${SERVICE}/
# The schema engine is not needed to generate the client; the stub keeps the CLI from downloading it.
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/false npx prisma generate --config "services/${SERVICE}/prisma.config.ts"

# Inner loop (Tilt target): Tilt syncs libs/, scripts/ and the service's src/ into the container, tsx watch restarts.
FROM build AS dev
ARG SERVICE
ENV TPX_SERVICE=${SERVICE} \
    NODE_ENV=development \
    HOST=0.0.0.0 \
    PORT=8080
RUN chown -R node:node libs scripts "services/${SERVICE}"
USER node
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["/bin/sh", "-c", "exec node_modules/.bin/tsx watch --clear-screen=false \"services/${TPX_SERVICE}/src/main.ts\""]

# Production dependencies only: the root's (tsx) and the service's, with the libs it links.
FROM base AS prod-deps
ARG SERVICE
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --workspace "services/${SERVICE}" --include-workspace-root --ignore-scripts --no-audit --no-fund
# --omit=dev keeps packages the lockfile marks devOptional: dev dependencies that are also optional peers of a
# production package (@prisma/client's peers `prisma` and `typescript`, with their trees: about 240 MB). Production
# never needs an optional peer, so they go too. Prod optional dependencies (esbuild's platform binary) are kept.
RUN node -e ' \
      const fs = require("node:fs"); \
      const { packages } = JSON.parse(fs.readFileSync("package-lock.json", "utf8")); \
      for (const [path, meta] of Object.entries(packages)) \
        if (path && meta.devOptional) fs.rmSync(path, { recursive: true, force: true });' \
 && find node_modules/.bin -xtype l -delete

FROM base AS runtime
ARG SERVICE
ARG VERSION=dev
LABEL org.opencontainers.image.title="tpx-${SERVICE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="https://github.com/tpx/tpx"
ENV TPX_SERVICE=${SERVICE} \
    NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
# npm may nest dependencies inside workspace folders, so the whole tree is copied, not only /app/node_modules.
COPY --from=prod-deps /app/ ./
COPY tsconfig.json tsconfig.base.json ./
COPY libs/ libs/
COPY scripts/ scripts/
COPY services/${SERVICE}/ services/${SERVICE}/
COPY --from=build /app/services/${SERVICE}/src/generated/ services/${SERVICE}/src/generated/
# Files stay owned by root: the service cannot modify its own code. tsx caches in /tmp (an emptyDir in Kubernetes).
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["/bin/sh", "-c", "exec node --import tsx \"services/${TPX_SERVICE}/src/main.ts\""]
