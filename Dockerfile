# Production image: compiled JavaScript, production dependencies only.
# Node 22 (LTS; Node 20 is past its end of life). Its npm is 10.9, which has no `allowScripts`:
# left alone it would run every dependency's install script. So the install runs none
# (--ignore-scripts) and then only those package.json's `allowScripts` approves, as npm 11 does
# (test/deploy/lockfile.test.ts checks that list covers every script in package-lock.json).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild $(node -p "Object.keys(require('./package.json').allowScripts).join(' ')")
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=4000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
