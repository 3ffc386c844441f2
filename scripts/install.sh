#!/usr/bin/env bash
# Builds cjm in release mode and installs it under a prefix (default ~/.local):
#   PREFIX/bin/cjm                                  the program
#   PREFIX/share/cjm/themes/*.theme                 the themes of Themes/
#   PREFIX/share/man/man1/cjm.1                     the man page (`cjm man`)
#   PREFIX/share/bash-completion/completions/cjm    bash completion (`cjm completion bash`)
#   PREFIX/share/zsh/site-functions/_cjm            zsh completion
#   PREFIX/share/fish/vendor_completions.d/cjm.fish fish completion
# and lists them in PREFIX/share/cjm/installed-files, which --uninstall removes, and nothing else.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/install.sh [--prefix DIR] [--binary PATH]
       scripts/install.sh --uninstall [--prefix DIR]

  --prefix DIR    where to install (default: ~/.local)
  --binary PATH   install this cjm binary instead of building one (swift build -c release)
  --uninstall     remove what an earlier install under the prefix put there
EOF
}

prefix="$HOME/.local"
binary=""
uninstall=false
while (($#)); do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#*=}"; shift ;;
    --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
    --binary=*) binary="${1#*=}"; shift ;;
    --uninstall) uninstall=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$prefix" == /* ]] || prefix="$PWD/$prefix"
prefix="${prefix%/}"
manifest="$prefix/share/cjm/installed-files"

if $uninstall; then
  if [[ ! -f "$manifest" ]]; then
    echo "install.sh: nothing to uninstall: $manifest does not exist" >&2
    exit 1
  fi
  while IFS= read -r file; do
    [[ -n "$file" && "$file" != /* && "$file" != *..* ]] || continue  # only names under the prefix
    rm -f -- "$prefix/$file"
    # Folders the install made and left empty go too; the prefix itself and folders with
    # anything else in them stay.
    dir="$(dirname -- "$prefix/$file")"
    while [[ "$dir" != "$prefix" && "$dir" == "$prefix"/* ]] && rmdir -- "$dir" 2>/dev/null; do
      dir="$(dirname -- "$dir")"
    done
  done <"$manifest"
  rm -f -- "$manifest"
  rmdir -- "$prefix/share/cjm" 2>/dev/null || true
  echo "removed cjm from $prefix"
  exit 0
fi

root="$(cd "$(dirname -- "$0")/.." && pwd)"
if [[ -z "$binary" ]]; then
  # A release build is one static executable (see Package.swift): it runs where Swift and
  # ncursesw are not installed, and starts sooner.
  (cd "$root" && swift build -c release --product cjm)
  binary="$(cd "$root" && swift build -c release --show-bin-path)/cjm"
fi
[[ -x "$binary" ]] || { echo "install.sh: $binary is not an executable" >&2; exit 2; }

installed=()
# put FILE MODE COMMAND…: writes what COMMAND prints to PREFIX/FILE with MODE: a temporary
# file beside it, then a rename, so an installed file is never half-written and a link at its
# name is replaced, not followed.
put() {
  local target="$prefix/$1" mode="$2" tmp
  shift 2
  mkdir -p -- "$(dirname -- "$target")"
  tmp="$(mktemp "$(dirname -- "$target")/.cjm-install.XXXXXX")"
  "$@" >"$tmp" || { rm -f -- "$tmp"; echo "install.sh: $* failed" >&2; exit 1; }
  chmod "$mode" "$tmp"
  mv -f -- "$tmp" "$target"
  installed+=("${target#"$prefix/"}")
}

put bin/cjm 755 cat -- "$binary"
cjm="$prefix/bin/cjm"
for theme in "$root"/Themes/*.theme; do
  put "share/cjm/themes/$(basename -- "$theme")" 644 cat -- "$theme"
done
put share/man/man1/cjm.1 644 "$cjm" man
put share/bash-completion/completions/cjm 644 "$cjm" completion bash
put share/zsh/site-functions/_cjm 644 "$cjm" completion zsh
put share/fish/vendor_completions.d/cjm.fish 644 "$cjm" completion fish
put share/cjm/installed-files 644 printf '%s\n' "${installed[@]}"

echo "installed cjm $("$cjm" --version) under $prefix (${#installed[@]} files; scripts/install.sh --uninstall --prefix $prefix removes them)"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to PATH, for example in ~/.profile: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
echo "zsh: add fpath=($prefix/share/zsh/site-functions \$fpath) before compinit in ~/.zshrc"
