"""Logs in with an API key, lists dashboards, runs a backtest and prints its metrics.

    NAUTILUS_URL=http://localhost:3000 NAUTILUS_API_KEY=... python3 examples/backtest.py

NAUTILUS_STRATEGY_ID runs a strategy you saved already; without it the example saves the one below.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))  # run from a checkout, uninstalled

from nautilus_client import Client, NautilusApiError  # noqa: E402

SMA_CROSSOVER = """
import { defineStrategy, type Indicator } from '@nautilus/sdk';

export default defineStrategy({
  name: 'SMA crossover (Python example)',
  params: { fast: { type: 'integer', default: 10, min: 1 }, slow: { type: 'integer', default: 30, min: 2 } },
  initialState: () => ({ fast: undefined as Indicator | undefined, slow: undefined as Indicator | undefined }),
  onStart(ctx) {
    ctx.state.fast = ctx.indicators.sma(ctx.params.fast);
    ctx.state.slow = ctx.indicators.sma(ctx.params.slow);
  },
  onBar(ctx) {
    const fast = ctx.state.fast?.value;
    const slow = ctx.state.slow?.value;
    if (fast === undefined || slow === undefined) return;
    if (fast > slow && ctx.position.quantity === 0) {
      const quantity = Math.floor((ctx.buyingPower * 0.95) / ctx.bar.close);
      if (quantity > 0) ctx.buy(quantity);
    } else if (fast < slow && ctx.position.quantity > 0) {
      ctx.sell(ctx.position.quantity);
    }
  },
});
"""


def main():
    # type: () -> int
    nautilus = Client(os.environ.get("NAUTILUS_URL", "http://localhost:3000"), api_key=os.environ.get("NAUTILUS_API_KEY"))
    try:
        me = nautilus.me()
        print("signed in as %s (%s) with an API key" % (me["username"], me["role"]))

        dashboards = nautilus.list_dashboards()
        print("dashboards (%d): %s" % (len(dashboards), ", ".join(dashboard["title"] for dashboard in dashboards)))

        strategy_id = os.environ.get("NAUTILUS_STRATEGY_ID") or nautilus.create_strategy(SMA_CROSSOVER, "from the Python example")["id"]
        print("strategy %s" % strategy_id)

        run = nautilus.run_backtest(
            strategy_id,
            data_source="nautilus.sim-market/bars",
            symbol="SIM:AAPL",
            timeframe="1d",
            range={"from": "2024-01-01", "to": "2025-01-01"},
            params={"fast": 5, "slow": 20},
            on_progress=lambda progress, run: print("  %s %3.0f %%" % (run["status"], progress * 100)),
        )
        print("backtest %s: %s" % (run["id"], run["status"]))
        for name in ("totalReturn", "sharpe", "maxDrawdown", "tradeCount"):
            print("%-12s %s" % (name, run["metrics"].get(name)))
        return 0
    except NautilusApiError as error:
        print("error: %s (request %s)" % (error, error.request_id), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
