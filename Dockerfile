# syntax=docker/dockerfile:1
#
# One image for every Pactum process; the command picks the role:
#   API (default)  node apps/api/dist/main.js
#   worker         node apps/worker/dist/main.js
#   migrations     node apps/cli/dist/main.js migrate
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
# `.npmrc*` copies .npmrc when it exists and is skipped when it does not. npm ci needs every
# workspace's package.json (the lockfile links them).
COPY package.json package-lock.json .npmrc* ./
COPY libs/config/package.json libs/config/
COPY libs/domain/package.json libs/domain/
COPY libs/local-stack/package.json libs/local-stack/
COPY libs/notifications/package.json libs/notifications/
COPY libs/persistence/package.json libs/persistence/
COPY libs/security/package.json libs/security/
COPY libs/xml/package.json libs/xml/
COPY workflows/package.json workflows/
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/cli/package.json apps/cli/
COPY apps/web/package.json apps/web/
COPY bench/package.json bench/
COPY test/package.json test/
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
# The runtime files, gathered in /out: each package's package.json and dist/ (npm links the
# packages by name), the mail templates and XSDs read at run time, and the workflow bundle.
RUN npm run build \
 && node apps/worker/dist/bundle-workflows.js workflow-bundle.js \
 && for p in libs/* workflows apps/*; do mkdir -p "/out/$p" && cp -r "$p/package.json" "$p/dist" "/out/$p/"; done \
 && rm -f /out/*/*/dist/*.tsbuildinfo /out/*/dist/*.tsbuildinfo \
 && cp -r libs/notifications/templates /out/libs/notifications/ \
 && cp -r xml-schemas package.json workflow-bundle.js /out/

# ---- prod-deps: the build's node_modules without devDependencies (test tools, compilers) ----
FROM build AS prod-deps
RUN npm prune --omit=dev

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PACTUM_WORKFLOW_BUNDLE=/app/workflow-bundle.js \
    NODE_OPTIONS=--enable-source-maps
# Files stay owned by root: the app runs as `node` and has no reason to modify its own code.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /out ./
USER node
EXPOSE 3000
# No HEALTHCHECK here: the roles differ (the migrate job serves no HTTP). The API's check (GET /health)
# and the worker's (GET /health/ready on WORKER_HEALTH_PORT) are declared in docker-compose.yml.
CMD ["node", "apps/api/dist/main.js"]
