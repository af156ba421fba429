# One recipe for every service, parametrised by APP: `docker build --build-arg APP=shop .`
# Stages: prune (turbo keeps only APP's workspaces), build (install, generate, compile, then drop
# dev dependencies and sources), runtime (what `build` left, as a non-root user).
# https://turborepo.com/docs/guides/tools/docker
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS prune
ARG APP
WORKDIR /repo
COPY . .
# out/json: the package.json files and the pruned lock file; out/full: their sources.
RUN npx --yes turbo@2.11.9 prune @sso/${APP} --docker --out-dir /pruned

FROM ${NODE_IMAGE} AS build
ARG APP
ENV TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
WORKDIR /repo
# Manifests first, so the install layer is cached until a dependency changes.
COPY --from=prune /pruned/json/ ./
# `npm install`, not `npm ci`: see .ci/run (the lock file lacks other platforms' optional binaries).
RUN npm install --no-audit --no-fund
COPY --from=prune /pruned/full/ ./
# The same build as outside Docker, `prisma generate` included (offline-safe, see ENVIRONMENT.md).
RUN npx turbo run build --filter=@sso/${APP}
# Runtime keeps compiled output (the generated Prisma client is compiled into dist), migrations
# and production dependencies only.
RUN npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/.cache apps/*/src packages/*/src apps/*/tsconfig*.json packages/*/tsconfig*.json turbo.json

FROM ${NODE_IMAGE} AS runtime
ARG APP
# Production mode, and memory for a small service rather than for the machine, as npm start runs
# it (packages/stack/src/service-memory.ts says what each memory setting saves and costs).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=8 --max-old-space-size=512" \
    MALLOC_MMAP_THRESHOLD_=131072
# Owned by root and read-only to the service's user: a compromised process cannot rewrite its code.
COPY --from=build /repo /repo
WORKDIR /repo/apps/${APP}
USER node
HEALTHCHECK --interval=5s --timeout=3s --retries=12 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and receives `docker stop`'s SIGTERM itself; the services close on it
# (packages/bootstrap/src/run-service.ts), so no shell or init process stands in between.
CMD ["node", "dist/main.js"]
