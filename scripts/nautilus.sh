#!/usr/bin/env bash
# The one entry point behind `npm start`, `npm test`, `npm run bench` and `npm run nautilus`.
# It makes a fresh machine ready first: Node 24 and pnpm from the npm registry into .tools/ when the
# system Node is older (the system Node is never touched), the workspace's dependencies, and the
# builder bundle when its sources changed. Then it runs the asked-for command with that toolchain.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

NODE_VERSION=24.21.0
PNPM_VERSION=12.21.0
tools="$root/.tools"

say() { printf 'nautilus: %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_toolchain() {
  local node_ok=0 pnpm_ok=0
  if command -v node >/dev/null && [ "$(node_major node)" -ge 24 ]; then node_ok=1; fi
  if command -v pnpm >/dev/null && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then pnpm_ok=1; fi
  if [ "$node_ok" = 1 ] && [ "$pnpm_ok" = 1 ]; then return; fi

  local want=()
  if [ "$node_ok" = 0 ] && [ "$("$tools/node_modules/node/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
    want+=("node@$NODE_VERSION")
  fi
  if [ "$pnpm_ok" = 0 ] && [ "$("$tools/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    want+=("pnpm@$PNPM_VERSION")
  fi
  if [ "${#want[@]}" -gt 0 ]; then
    say "installing ${want[*]} into .tools/ (system node: $(node --version 2>/dev/null || echo none))"
    mkdir -p "$tools"
    [ -f "$tools/package.json" ] || echo '{"private":true}' >"$tools/package.json"
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error \
      "node@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
  fi
  [ "$node_ok" = 1 ] || export PATH="$tools/node_modules/node/bin:$PATH"
  [ "$pnpm_ok" = 1 ] || export PATH="$tools/node_modules/.bin:$PATH"
}

ensure_dependencies() {
  # pnpm ignores nodedir from ~/.npmrc; a native addon built from source needs the headers of the
  # Node that will load it.
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
  # Browsers come from Debian, never from a tool's own download.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  pnpm install --frozen-lockfile --prefer-offline --reporter=silent >&2
}

ensure_builder_bundle() {
  local stamp="builder/dist/index.html"
  if [ -f "$stamp" ] && [ -z "$(find builder sdk/src indicators/src plugins -newer "$stamp" \
      \( -path '*/node_modules' -o -path '*/dist' \) -prune -o -type f -print -quit)" ]; then
    return
  fi
  say "building the builder app (vite)"
  pnpm --filter @nautilus/builder run build >&2
}

ensure_plugin_bundles() {
  # Plugins that ship browser code (widgets) build it with their own "build" script, as a
  # third-party plugin would before publishing; rebuilt only when the plugin's sources changed.
  local dir name
  for dir in plugins/*/; do
    dir="${dir%/}"
    grep -q '"build"' "$dir/package.json" 2>/dev/null || continue
    if [ -f "$dir/dist/.built" ] && [ -z "$(find "$dir" sdk/src widget-kit/src -newer "$dir/dist/.built" \
        \( -path '*/node_modules' -o -path '*/dist' \) -prune -o -type f -print -quit)" ]; then
      continue
    fi
    name="$(node -p "require('./$dir/package.json').name")"
    say "building $name"
    pnpm --filter "$name" run build >&2
    touch "$dir/dist/.built"
  done
}

ensure_chromium() {
  # Browser tests and benchmarks use Debian's Chromium; no tool downloads a browser of its own.
  [ -x /usr/bin/chromium ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Chromium from Debian (apt-get install chromium)"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    say "browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install -y chromium'"
    exit 1
  fi
}

ensure_gpu_libraries() {
  # WebGPU tests and benchmarks need an adapter. Without a GPU, Dawn's OpenGL ES backend runs on
  # Mesa's software renderer (llvmpipe) through EGL; these are its Debian packages. Elsewhere
  # (no dpkg, e.g. macOS) the system's own GPU stack is used and nothing is checked. With
  # `optional` (npm start) a machine that cannot install them just computes on the CPU.
  local need="${1:-required}"
  command -v dpkg-query >/dev/null || return 0
  local packages=(libegl-dev libegl-mesa0 libgl1-mesa-dri) missing=() package
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Mesa's EGL for WebGPU without a GPU (apt-get install ${missing[*]})"
    if ! { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2; }; then
      [ "$need" = optional ] || exit 1
      say "could not install them; compute kernels will run on the CPU"
    fi
  elif [ "$need" = optional ]; then
    say "compute kernels will run on the CPU; for WebGPU without a GPU run 'sudo apt-get install -y ${missing[*]}'"
  else
    say "WebGPU tests need Mesa's EGL when there is no GPU: run 'sudo apt-get install -y ${missing[*]}'"
    exit 1
  fi
}

ensure_toolchain
case "${1:-}" in
  start)
    shift
    ensure_dependencies
    ensure_plugin_bundles
    ensure_builder_bundle
    ensure_gpu_libraries optional
    exec node --no-node-snapshot core/src/cli.ts start "$@"
    ;;
  cli)
    shift
    ensure_dependencies
    ensure_plugin_bundles
    exec node --no-node-snapshot core/src/cli.ts "$@"
    ;;
  test)
    shift
    ensure_dependencies
    ensure_plugin_bundles
    ensure_builder_bundle
    ensure_chromium
    ensure_gpu_libraries
    exec node scripts/run-tests.ts "$@"
    ;;
  bench)
    shift
    ensure_dependencies
    ensure_plugin_bundles
    ensure_builder_bundle
    ensure_chromium
    ensure_gpu_libraries
    exec node --no-node-snapshot scripts/run-bench.ts "$@"
    ;;
  *)
    echo "usage: scripts/nautilus.sh start|test|bench|cli [args...]" >&2
    exit 2
    ;;
esac
