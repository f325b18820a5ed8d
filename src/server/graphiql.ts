import path from 'node:path';
import express, { type Router } from 'express';

/**
 * GraphiQL served from installed packages (no CDN): React 18 and GraphiQL 3 UMD bundles, and
 * graphql-ws's browser build for subscriptions. The page's fetcher sends the Authorization
 * header from GraphiQL's header editor over HTTP, and the same value as
 * `connectionParams.authorization` over WebSocket.
 */
const ASSETS: Record<string, string> = {
  'react.js': 'react/umd/react.production.min.js',
  'react-dom.js': 'react-dom/umd/react-dom.production.min.js',
  'graphiql.js': 'graphiql/graphiql.min.js',
  'graphiql.css': 'graphiql/graphiql.min.css',
  'graphql-ws.js': 'graphql-ws/umd/graphql-ws.min.js',
};

function resolveAsset(specifier: string): string {
  const [pkg, ...rest] = specifier.split('/');
  const pkgJson = require.resolve(`${pkg}/package.json`);
  return path.join(path.dirname(pkgJson), ...rest);
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Rediscover GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphql-ws.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    (function () {
      var httpUrl = location.origin + '/graphql';
      var wsUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
      var wsClients = {};
      function wsClient(authorization) {
        if (!wsClients[authorization]) {
          wsClients[authorization] = graphqlWs.createClient({
            url: wsUrl,
            lazy: true,
            connectionParams: { authorization: authorization },
          });
        }
        return wsClients[authorization];
      }
      function isSubscription(params, opts) {
        var doc = opts && opts.documentAST;
        if (!doc) return /^\\s*subscription\\b/.test(params.query || '');
        return doc.definitions.some(function (d) {
          return d.kind === 'OperationDefinition' && d.operation === 'subscription' &&
            (!params.operationName || (d.name && d.name.value === params.operationName));
        });
      }
      function header(headers, name) {
        for (var k in headers || {}) if (k.toLowerCase() === name) return headers[k];
        return '';
      }
      function fetcher(params, opts) {
        var headers = Object.assign({ 'content-type': 'application/json' }, (opts && opts.headers) || {});
        if (isSubscription(params, opts)) return wsClient(header(headers, 'authorization')).iterate(params);
        return fetch(httpUrl, { method: 'POST', headers: headers, body: JSON.stringify(params) })
          .then(function (r) { return r.json(); });
      }
      var root = ReactDOM.createRoot(document.getElementById('graphiql'));
      root.render(React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultHeaders: JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2),
        shouldPersistHeaders: true,
        defaultQuery: '{\\n  me {\\n    organization { name }\\n    user { email }\\n  }\\n}\\n',
      }));
    })();
  </script>
</body>
</html>
`;

export function graphiqlRouter(): Router {
  const router = express.Router();
  for (const [name, specifier] of Object.entries(ASSETS)) {
    const file = resolveAsset(specifier);
    router.get(`/graphiql/${name}`, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.sendFile(file);
    });
  }
  // A browser asking for /graphql gets the IDE; API clients (GET queries) fall through.
  router.get('/graphql', (req, res, next) => {
    if (
      req.query['query'] !== undefined ||
      req.accepts(['application/json', 'text/html']) !== 'text/html'
    ) {
      next();
      return;
    }
    res.type('html').send(PAGE);
  });
  return router;
}
