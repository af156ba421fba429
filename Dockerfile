# One image recipe for every service: `docker build --build-arg APP=shop .`
FROM node:24-slim AS build
ENV TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
WORKDIR /repo
COPY . .
# `npm install`, not `npm ci`: see .ci/run (the lock file lacks other platforms' optional binaries).
RUN npm install --no-audit --no-fund
ARG APP
RUN npx turbo run build --filter=@sso/${APP}

FROM node:24-slim
ARG APP
ENV NODE_ENV=production APP=${APP}
WORKDIR /repo
COPY --from=build /repo /repo
USER node
HEALTHCHECK --interval=5s --timeout=3s --retries=12 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node apps/${APP}/dist/main.js"]
