// The Node.js peer of the feed benchmark (bench/server/run_server_bench.sh, issue 5): a `ws`
// server with the same protocol shape as keyledger's /api/feed, and nothing else (no auth, no
// visibility filter, no store). Usage: node server.js PORT (0 picks a free one).
//   WebSocket /api/feed: sends {"type":"hello","head_seq":0} on connect and answers any message
//     (the client's subscribe) with {"type":"caught_up","seq":0}.
//   POST /trigger: broadcasts the request body, as one text frame, to every open socket, then
//     answers {"clients":N}. The body is turned into a Buffer once and shared by all sends.
'use strict';
const http = require('http');
const { WebSocketServer, WebSocket } = require('ws');

const port = Number(process.argv[2] || 0);
const hello = Buffer.from('{"type":"hello","head_seq":0}');
const caughtUp = Buffer.from('{"type":"caught_up","seq":0}');

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/trigger') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const frame = Buffer.concat(chunks);
    let n = 0;
    for (const ws of wss.clients) {
      if (ws.readyState === WebSocket.OPEN) {
        ws.send(frame, { binary: false });
        n++;
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ clients: n }));
  });
});

const wss = new WebSocketServer({ server, path: '/api/feed' });
wss.on('connection', (ws) => {
  ws.send(hello, { binary: false });
  ws.on('message', () => ws.send(caughtUp, { binary: false }));
  ws.on('error', () => {});
});

server.listen(port, '127.0.0.1', 4096, () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
