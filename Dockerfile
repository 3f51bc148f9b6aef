# Justera service image: Node 20 slim, built in one stage, run as the non-root `node` user in another.
# Data (SQLite database, generated secrets) and keys are volumes; /app/keys starts with the demonstration
# keys of keys-example — replace them with `justera keys init` for a real deployment.
FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY scripts ./scripts
# `npm ci` runs the `prepare` script, which compiles TypeScript to dist/.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data \
    KEYS_DIR=/app/keys
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node examples ./examples
COPY --chown=node:node keys-example ./keys
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data", "/app/keys"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node is PID 1 here: `justera serve` handles SIGTERM itself (graceful shutdown).
CMD ["node", "bin/justera.js", "serve"]
