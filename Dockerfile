# One image for the api (serving the portal) and the worker: `docker compose up` runs both from it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false npx nx run-many -t build -p api portal cli --outputStyle=static

FROM node:20-bookworm-slim
ENV NODE_ENV=production LOTLINE_DATA_DIR=/var/lib/lotline LOTLINE_PORTAL_DIR=/app/dist/apps/portal/browser
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN mkdir -p /var/lib/lotline && chown node:node /var/lib/lotline
USER node
EXPOSE 3000
CMD ["node", "--max-old-space-size=8192", "--max-semi-space-size=128", "dist/apps/api/main.js"]
