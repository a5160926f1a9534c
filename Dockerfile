# syntax=docker/dockerfile:1
#
# One image for every Pactum process; the command picks the role:
#   API (default)  node dist/apps/api/src/main.js
#   worker         node dist/apps/worker/src/main.js
#   migrations     node dist/apps/cli/src/main.js migrate
#
# Debian (glibc), not Alpine: @temporalio/worker ships a prebuilt glibc core-bridge .node.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, compile TypeScript, prebuild the Temporal workflow bundle ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false \
    SCARF_ANALYTICS=false
# `.npmrc*` copies .npmrc when it exists and is skipped when it does not.
COPY package.json package-lock.json .npmrc* ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build \
 && node dist/apps/worker/src/bundle-workflows.js dist/workflow-bundle.js

# ---- prod-deps: production dependencies only, from the same lockfile ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false \
    SCARF_ANALYTICS=false
COPY package.json package-lock.json .npmrc* ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PACTUM_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    NODE_OPTIONS=--enable-source-maps
# Files stay owned by root: the app runs as `node` and has no reason to modify its own code.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time from next to dist/: mail templates and the XSDs imports are validated against.
COPY --from=build /app/libs/notifications/templates ./libs/notifications/templates
COPY --from=build /app/xml-schemas ./xml-schemas
COPY package.json ./
USER node
EXPOSE 3000
# No HEALTHCHECK here: the worker and the migrate job share this image and serve no HTTP.
# The API's health check (GET /health) is declared on the api service in docker-compose.yml.
CMD ["node", "dist/apps/api/src/main.js"]
