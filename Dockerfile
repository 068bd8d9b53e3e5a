# syntax=docker/dockerfile:1
# One Dockerfile for every Quotient service. The SERVICE build argument (also an environment
# variable, overridable at run time) picks which app runs: dist/apps/<SERVICE>-service/src/main.js,
# SERVICE ∈ projection | deals | customers | costs | training.
#
#   docker build --build-arg SERVICE=deals -t quotient/deals-service .
#   docker run -p 3001:3001 -e EVENTSTORE_URL=esdb://kurrentdb:2113?tls=false quotient/deals-service
#
# docker-compose.yml builds and wires all five.

ARG NODE_IMAGE=node:24-slim

# ---- build: every dependency (SWC compiles apps/ and libs/ to dist/)
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# ---- production dependencies only (no install scripts: nothing at run time needs a native build)
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- runtime: compiled code + production dependencies, run as the unprivileged `node` user
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE=projection
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY infra/compose/entrypoint.sh infra/compose/healthcheck.cjs ./infra/compose/
# DATA_DIR: whatever a service keeps on disk (the embedded SQLite stores when no server is configured).
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# projection 3000, deals 3001, customers 3002, costs 3003, training 3004 (each service uses its own).
EXPOSE 3000 3001 3002 3003 3004
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 CMD ["node", "infra/compose/healthcheck.cjs"]
ENTRYPOINT ["sh", "infra/compose/entrypoint.sh"]
