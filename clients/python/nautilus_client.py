"""A client for the Nautilus HTTP API (/api/v1), standard library only, Python 3.9+.

Every procedure ``area.verb`` of the server is reachable with ``Client.call("area.verb", {...})``;
the methods below are shortcuts for the common ones. Errors the API answers raise ``NautilusApiError``.

Example::

    from nautilus_client import Client
    nautilus = Client("http://localhost:3000", api_key="nk_...")
    print([d["title"] for d in nautilus.list_dashboards()])
"""

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, Iterator, List, Optional

__all__ = ["Client", "NautilusApiError", "BacktestFailedError"]
__version__ = "0.1.0"

SESSION_COOKIE = "nautilus_session"


class NautilusApiError(Exception):
    """An error the API answered: ``code`` (VALIDATION, UNAUTHORIZED, NOT_FOUND, ...), ``message``,
    ``fields`` (the inputs it refused, each ``{"path", "message"}``), ``details``, the HTTP ``status``
    and the ``request_id`` to find it in the server log."""

    def __init__(self, status, code, message, fields=None, details=None, request_id=None, path=None):
        # type: (int, str, str, Optional[List[Dict[str, str]]], Optional[Dict[str, Any]], Optional[str], Optional[str]) -> None
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or []
        self.details = details or {}
        self.request_id = request_id
        self.path = path

    def __str__(self):
        # type: () -> str
        named = "; ".join("%s: %s" % (field.get("path"), field.get("message")) for field in self.fields)
        return "%s (%s, HTTP %d)%s" % (self.message, self.code, self.status, " [" + named + "]" if named else "")


class BacktestFailedError(Exception):
    """A backtest that ended ``failed``; ``run["error"]`` says why."""

    def __init__(self, run):
        # type: (Dict[str, Any]) -> None
        error = run.get("error") or {}
        message = error.get("message") if isinstance(error, dict) else str(error)
        super().__init__("Backtest %s failed: %s" % (run.get("id"), message))
        self.run = run


def _status_code(status):
    # type: (int) -> str
    known = {401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND", 429: "RATE_LIMITED", 503: "UNAVAILABLE"}
    return known.get(status, "INTERNAL" if status >= 500 else "VALIDATION")


def _api_error(status, text, headers, path):
    # type: (int, str, Any, str) -> NautilusApiError
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = {}
    message = body.get("message")
    if not isinstance(message, str):
        message = "%s answered HTTP %d: %s" % (path, status, text[:200])
    request_id = body.get("requestId") or (headers.get("x-request-id") if headers is not None else None)
    return NautilusApiError(
        status,
        body.get("code") if isinstance(body.get("code"), str) else _status_code(status),
        message,
        body.get("fields") if isinstance(body.get("fields"), list) else [],
        body.get("details") if isinstance(body.get("details"), dict) else {},
        request_id,
        path,
    )


def query_string(input):
    # type: (Optional[Dict[str, Any]]) -> str
    """An input as query parameters: top-level strings as they are, other values as JSON text."""
    if not input:
        return ""
    pairs = [(key, value if isinstance(value, str) else json.dumps(value)) for key, value in input.items() if value is not None]
    return "?" + urllib.parse.urlencode(pairs) if pairs else ""


def server_sent_events(lines):
    # type: (Iterator[bytes]) -> Iterator[Dict[str, Any]]
    """The events of a server-sent event stream read line by line, each ``{"event", "data"}`` with its data
    parsed as JSON. Comments and keep-alive pings (no data) are skipped."""
    data = []  # type: List[str]
    event = "message"
    for raw in lines:
        line = raw.decode("utf-8").rstrip("\r\n")
        if line == "":
            text = "\n".join(data)
            if text != "":
                try:
                    parsed = json.loads(text)
                except ValueError:
                    parsed = text
                yield {"event": event, "data": parsed}
            data = []
            event = "message"
        elif line.startswith("data:"):
            data.append(line[6:] if line[5:6] == " " else line[5:])
        elif line.startswith("event:"):
            event = line[7:] if line[6:7] == " " else line[6:]


class Client:
    """The Nautilus API at ``base_url`` (e.g. ``http://localhost:3000``), acting with ``api_key``
    (``nautilus apikeys create``) or, after ``login``, with a session cookie."""

    def __init__(self, base_url, api_key=None, timeout=60.0):
        # type: (str, Optional[str], float) -> None
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self._session = None  # type: Optional[str]

    # -- transport -------------------------------------------------------------------------------

    def _url(self, path):
        # type: (str) -> str
        area, _, verb = path.partition(".")
        return "%s/api/v1/%s/%s" % (self.base_url, urllib.parse.quote(area), urllib.parse.quote(verb))

    def _headers(self, accept="application/json"):
        # type: (str) -> Dict[str, str]
        headers = {"Accept": accept, "User-Agent": "nautilus-client-python/" + __version__}
        if self.api_key:
            headers["Authorization"] = "Bearer " + self.api_key
        if self._session:
            headers["Cookie"] = "%s=%s" % (SESSION_COOKIE, self._session)
        return headers

    def _post(self, path, input):
        # type: (str, Any) -> Any
        headers = self._headers()
        headers["Content-Type"] = "application/json"
        body = json.dumps(input if input is not None else {}).encode("utf-8")
        request = urllib.request.Request(self._url(path), data=body, headers=headers, method="POST")
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            raise _api_error(error.code, text, error.headers, path) from None

    def call(self, path, input=None):
        # type: (str, Any) -> Any
        """Calls the query or mutation ``area.verb`` and answers its output (JSON decoded)."""
        with self._post(path, input) as response:
            return json.loads(response.read().decode("utf-8"))

    def watch(self, path, input=None):
        # type: (str, Optional[Dict[str, Any]]) -> Iterator[Any]
        """A subscription's events as they come (server-sent events), e.g.
        ``for event in client.watch("deployments.watch", {"id": deployment_id}): ...``; stop with ``break``."""
        request = urllib.request.Request(self._url(path) + query_string(input), headers=self._headers("text/event-stream"))
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            raise _api_error(error.code, error.read().decode("utf-8", "replace"), error.headers, path) from None
        with response:
            for event in server_sent_events(iter(response.readline, b"")):
                if event["event"] in ("error", "serialized-error"):
                    data = event["data"] if isinstance(event["data"], dict) else {}
                    raise _api_error(int(data.get("status", 500)), json.dumps(data), None, path)
                if event["event"] == "message":
                    yield event["data"]

    def login(self, username, password):
        # type: (str, str) -> Dict[str, Any]
        """Starts a session with a password and keeps its cookie for the calls that follow."""
        with self._post("auth.login", {"username": username, "password": password}) as response:
            for line in response.headers.get_all("Set-Cookie") or []:
                match = re.match(SESSION_COOKIE + r"=([^;]*)", line)
                if match:
                    self._session = match.group(1) or None
            return json.loads(response.read().decode("utf-8"))

    def logout(self):
        # type: () -> None
        self.call("auth.logout")
        self._session = None

    # -- shortcuts -------------------------------------------------------------------------------

    def me(self):
        # type: () -> Dict[str, Any]
        return self.call("auth.me")

    def list_dashboards(self, folder=None, search=None):
        # type: (Optional[str], Optional[str]) -> List[Dict[str, Any]]
        input = {key: value for key, value in (("folder", folder), ("search", search)) if value is not None}
        return self.call("dashboards.list", input)

    def get_dashboard(self, id, version=None):
        # type: (str, Optional[int]) -> Dict[str, Any]
        return self.call("dashboards.get", _without_none({"id": id, "version": version}))

    def list_data_sources(self):
        # type: () -> List[Dict[str, Any]]
        return self.call("dataSources.list")

    def query_data(self, data_source, params, range=None, max_points=None):
        # type: (str, Dict[str, Any], Optional[Dict[str, Any]], Optional[int]) -> Dict[str, Any]
        """Runs one query, e.g. ``query_data("nautilus.sim-market/bars", {"symbol": "SIM:AAPL",
        "timeframe": "1d"}, {"from": "now-90d", "to": "now"})``; answers ``{"frames", "range"}``."""
        return self.call(
            "dataSources.query",
            _without_none({"dataSource": data_source, "params": params, "range": range, "maxPoints": max_points}),
        )

    def list_strategies(self):
        # type: () -> List[Dict[str, Any]]
        return self.call("strategies.list")

    def create_strategy(self, source, message=None):
        # type: (str, Optional[str]) -> Dict[str, Any]
        """Saves a strategy's TypeScript source as version 1; answers its ``id``."""
        return self.call("strategies.create", _without_none({"source": source, "message": message}))

    def run_backtest(
        self,
        strategy_id,  # type: str
        data_source,  # type: str
        symbol,  # type: str
        timeframe,  # type: str
        range,  # type: Dict[str, Any]
        params=None,  # type: Optional[Dict[str, Any]]
        config=None,  # type: Optional[Dict[str, Any]]
        version=None,  # type: Optional[int]
        wait=True,  # type: bool
        on_progress=None,  # type: Optional[Callable[[float, Dict[str, Any]], None]]
        poll_seconds=0.25,  # type: float
        timeout_seconds=600.0,  # type: float
    ):
        # type: (...) -> Dict[str, Any]
        """Queues a backtest. With ``wait`` (the default) polls it, calling ``on_progress(progress, run)``,
        and answers the finished run (its ``metrics``), raising ``BacktestFailedError`` if it failed;
        without, answers ``{"id"}`` at once."""
        queued = self.call(
            "backtests.run",
            _without_none(
                {
                    "strategyId": strategy_id,
                    "version": version,
                    "params": params,
                    "config": config,
                    "dataSource": data_source,
                    "symbol": symbol,
                    "timeframe": timeframe,
                    "range": range,
                }
            ),
        )
        if not wait:
            return queued
        return self.wait_for_backtest(queued["id"], on_progress, poll_seconds, timeout_seconds)

    def wait_for_backtest(self, id, on_progress=None, poll_seconds=0.25, timeout_seconds=600.0):
        # type: (str, Optional[Callable[[float, Dict[str, Any]], None]], float, float) -> Dict[str, Any]
        deadline = time.monotonic() + timeout_seconds
        while True:
            run = self.get_backtest(id)
            if run["status"] == "done":
                return run
            if run["status"] == "failed":
                raise BacktestFailedError(run)
            if on_progress is not None:
                on_progress(run.get("progress") or 0, run)
            if time.monotonic() > deadline:
                raise TimeoutError("Backtest %s is still %s after %s s" % (id, run["status"], timeout_seconds))
            time.sleep(poll_seconds)

    def get_backtest(self, id):
        # type: (str) -> Dict[str, Any]
        return self.call("backtests.get", {"id": id})

    def list_backtests(self, strategy_id=None, limit=None):
        # type: (Optional[str], Optional[int]) -> List[Dict[str, Any]]
        return self.call("backtests.list", _without_none({"strategyId": strategy_id, "limit": limit}))

    def list_deployments(self, **filters):
        # type: (**Any) -> List[Dict[str, Any]]
        return self.call("deployments.list", filters)

    def get_deployment(self, id):
        # type: (str) -> Dict[str, Any]
        return self.call("deployments.get", {"id": id})

    def watch_deployment(self, id):
        # type: (str) -> Iterator[Any]
        return self.watch("deployments.watch", {"id": id})

    def portfolios(self):
        # type: () -> List[Dict[str, Any]]
        return self.call("portfolios.list")

    def get_portfolio(self, id):
        # type: (str) -> Dict[str, Any]
        return self.call("portfolios.get", {"id": id})

    def create_portfolio(self, name, capital, positions, **fields):
        # type: (str, float, List[Dict[str, Any]], **Any) -> Dict[str, Any]
        return self.call("portfolios.create", dict(fields, name=name, capital=capital, positions=positions))

    def risk(self, portfolio_id, **settings):
        # type: (str, **Any) -> Dict[str, Any]
        """Value at risk of a portfolio (``risk.var``); settings such as ``method``, ``confidence``,
        ``horizonDays``, ``lookback``."""
        return self.call("risk.var", dict(settings, portfolioId=portfolio_id))

    def stress(self, portfolio_id, scenario):
        # type: (str, Any) -> Dict[str, Any]
        return self.call("risk.stress", {"portfolioId": portfolio_id, "scenario": scenario})

    def create_api_key(self, name, user_id=None):
        # type: (str, Optional[str]) -> Dict[str, Any]
        """A new API key (``key`` is shown once)."""
        return self.call("apiKeys.create", _without_none({"name": name, "userId": user_id}))


def _without_none(values):
    # type: (Dict[str, Any]) -> Dict[str, Any]
    return {key: value for key, value in values.items() if value is not None}
