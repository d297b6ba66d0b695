# sim as a container image: the `sim` command on a slim Node, run as the non-root user `node`,
# working in /work, where reports are written (mount a volume there).
#
#   docker build -t sim .
#   docker run --rm -v "$PWD:/work" --user "$(id -u):$(id -g)" sim run thundering-herd --jitter 15m
#   docker run --rm -v "$PWD:/work" --user "$(id -u):$(id -g)" sim check        # a project's checks/*.yaml
#
# The built-in models' experiments and checks are in /opt/sim/experiments and /opt/sim/checks
# (`sim sweep /opt/sim/experiments/thundering-herd-jitter.yaml`). A model file anywhere in the
# container imports 'sim' from this image's copy: /node_modules/sim points at it.

ARG NODE_VERSION=22

# Build: compile src/ and models/ to dist/ with the locked toolchain.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY models ./models
RUN node scripts/build.mjs

# Run: the package as npm would install it (package.json, dist/, bin/, templates/) with its
# runtime dependencies at the versions package-lock.json pins; no compiler, no sources.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /opt/sim
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY bin/sim.mjs ./bin/sim.mjs
COPY templates ./templates
COPY README.md ./
COPY experiments ./experiments
COPY checks ./checks
RUN chmod 755 bin/sim.mjs \
    && ln -s /opt/sim/bin/sim.mjs /usr/local/bin/sim \
    && mkdir /node_modules && ln -s /opt/sim /node_modules/sim \
    && mkdir /work && chown node:node /work
USER node
WORKDIR /work
ENTRYPOINT ["sim"]
CMD ["--help"]
