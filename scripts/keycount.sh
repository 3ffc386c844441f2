#!/usr/bin/env bash
# Command keys per action, before and after the keymap: builds the same counter
# (Sources/KeyCount) against the editor of BEFORE (default c7b09e4, the last hand-wired
# editor) in a temporary worktree, runs it with the old key sequences, then runs it here.
# Each sequence is checked to have done its action; one that did not is marked.
# Usage: scripts/keycount.sh [BEFORE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
before=${1:-c7b09e4}
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/old" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$root" worktree add --detach "$tmp/old" "$before" >/dev/null 2>&1
cp -r "$root/Sources/KeyCount" "$tmp/old/Sources/KeyCount"
cat >>"$tmp/old/Package.swift" <<'SWIFT'
package.targets.append(.executableTarget(name: "cjm-keycount", dependencies: ["CJMCore", "CJMView"], path: "Sources/KeyCount"))
SWIFT
(cd "$tmp/old" && swift build --product cjm-keycount >/dev/null && .build/debug/cjm-keycount --old) || true
echo
(cd "$root" && swift build --product cjm-keycount >/dev/null && .build/debug/cjm-keycount)
