// Subscribes to one instrument's live bars over the /live WebSocket and prints each tick.
//
//   NAUTILUS_URL=http://127.0.0.1:3000 NAUTILUS_API_KEY=nau_… node examples/live-bars.mjs [symbol] [timeframe]
//   (STOP_AFTER_SECONDS=10 closes after that long; NAUTILUS_DATA_SOURCE picks another bars source)
//
// Uses Node's global WebSocket (Node 22+); the API key goes in the Authorization header, as for the
// HTTP API. The protocol is in docs/streams.md: every frame is a JSON array of messages.

const url = process.env.NAUTILUS_URL ?? 'http://127.0.0.1:3000';
const apiKey = process.env.NAUTILUS_API_KEY;
if (!apiKey) {
  console.error('Set NAUTILUS_API_KEY (POST /api/v1/apiKeys/create, or Settings in the app).');
  process.exit(2);
}
const [symbol = 'SIM:BTCUSD', timeframe = '1m'] = process.argv.slice(2);
const dataSource = process.env.NAUTILUS_DATA_SOURCE ?? 'nautilus.sim-market/bars';
const seconds = Number(process.env.STOP_AFTER_SECONDS ?? 0);

const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/live`, { headers: { authorization: `Bearer ${apiKey}` } });
const send = (...messages) => socket.send(JSON.stringify(messages));

socket.addEventListener('open', () => {
  // 1: the bar still forming (each tick); 2: each bar once it closes.
  send(
    { type: 'subscribe', id: 1, channel: { kind: 'forming', dataSource, symbol, timeframe } },
    { type: 'subscribe', id: 2, channel: { kind: 'bars', dataSource, symbol, timeframe } },
  );
});

socket.addEventListener('message', (event) => {
  for (const message of JSON.parse(String(event.data))) {
    if (message.type === 'hello') console.log(`connected to ${message.instance}`);
    else if (message.type === 'subscribed') console.log(`subscription ${message.id}: ${message.policy}`);
    else if (message.type === 'error') console.error(`error ${message.code}: ${message.message}`);
    else if (message.type === 'data' || (message.type === 'resync' && message.snapshot)) {
      const frame = message.data ?? message.snapshot;
      const i = frame.time.length - 1;
      const label = message.id === 1 ? 'tick ' : 'CLOSED';
      const time = new Date(frame.time[i]).toISOString();
      console.log(
        `${label} ${symbol} ${time} o=${frame.open[i]} h=${frame.high[i]} l=${frame.low[i]} c=${frame.close[i]} v=${frame.volume[i]}`,
      );
    }
  }
});

socket.addEventListener('close', (event) => {
  console.log(`closed: ${event.code} ${event.reason}`);
  process.exitCode = event.code === 1000 ? 0 : 1;
});

if (seconds > 0) setTimeout(() => socket.close(1000, 'done'), seconds * 1000);
