#!/usr/bin/env bash
# Builds, from the Go module proxy, the Go programs the tests run, into a cache outside the
# repository keyed by version, and reuses what is there:
#
#   pulumi                  the Pulumi CLI at the version of @pulumi/pulumi in node_modules
#   pulumi-language-nodejs  the Node.js language host, from sdk/v3 v3.68.0: newer ones are not
#                           served as a Go module; only plain `pulumi up` through Pulumi.yaml needs it
#   actionlint              the GitHub Actions linter (action.yml and the README's workflow)
#
# Prints `NAME=PATH` for each, on stdout. Usage: scripts/build-go-tools.sh [pulumi|language|actionlint ...]
# The cache is $PAYERFLEET_TOOLS_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/payerfleet.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${PAYERFLEET_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/payerfleet}
export GOFLAGS=-buildvcs=false
say() { printf '%s\n' "$*" >&2; }

# The language host that still ships as a Go package, and the actionlint the README names.
LANGUAGE_SDK_VERSION=v3.68.0
ACTIONLINT_VERSION=v1.7.12

pulumi_version() {
  node -p "require('$root/node_modules/@pulumi/pulumi/package.json').version"
}

# `go install pkg@version` refuses a module whose go.mod has replace directives, as pkg/v3's and
# sdk/v3's do: build from a wrapper module that requires the module (and, for pkg/v3, sdk/v3)
# and repeats its replaces that point outside its own repository (those into ../sdk are met by
# the require). Usage: build_wrapped DEST_BINARY LDFLAGS PACKAGE MODULE@VERSION...
build_wrapped() {
  local out=$1 ldflags=$2 package=$3
  shift 3
  local work
  work=$(mktemp -d)
  (
    cd "$work"
    go mod init payerfleet.local/go-tool >/dev/null 2>&1
    local spec
    for spec in "$@"; do go mod edit -require "$spec"; done
    local gomod
    gomod=$(go mod download -json "$1" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
    # Each `old => new version` replace whose target is a module, not a local path.
    go mod edit -json "$gomod" \
      | node -e '
          const mod = JSON.parse(require("fs").readFileSync(0, "utf8"));
          for (const r of mod.Replace ?? []) {
            if (r.New.Version) console.log(`${r.Old.Path}${r.Old.Version ? "@" + r.Old.Version : ""}=${r.New.Path}@${r.New.Version}`);
          }' \
      | while read -r replace; do go mod edit -replace "$replace"; done
    printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$package" >tools.go
    go mod tidy >/dev/null 2>&1 || go mod tidy
    mkdir -p "$(dirname "$out")"
    go build -trimpath -ldflags "$ldflags" -o "$out.tmp" "$package"
    mv "$out.tmp" "$out"
  )
  local status=$?
  rm -rf "$work"
  return $status
}

build_pulumi() {
  local version="v$(pulumi_version)"
  local dest="$cache/pulumi/$version"
  if [ -x "$dest/bin/pulumi" ] && [ "$("$dest/bin/pulumi" version 2>/dev/null)" = "$version" ]; then
    echo "pulumi=$dest/bin/pulumi"
    return
  fi
  say "building the Pulumi CLI $version from the Go module proxy into $dest (about 6 minutes cold on 2 cores)"
  build_wrapped "$dest/bin/pulumi" "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "github.com/pulumi/pulumi/pkg/v3@$version" "github.com/pulumi/pulumi/sdk/v3@$version"
  echo "pulumi=$dest/bin/pulumi"
}

build_language() {
  local dest="$cache/pulumi-language-nodejs/$LANGUAGE_SDK_VERSION"
  if [ ! -x "$dest/pulumi-language-nodejs" ]; then
    say "building pulumi-language-nodejs from sdk/v3 $LANGUAGE_SDK_VERSION into $dest"
    build_wrapped "$dest/pulumi-language-nodejs" "-s -w" \
      github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "github.com/pulumi/pulumi/sdk/v3@$LANGUAGE_SDK_VERSION"
  fi
  echo "language=$dest/pulumi-language-nodejs"
}

build_actionlint() {
  local dest="$cache/actionlint/$ACTIONLINT_VERSION"
  if [ ! -x "$dest/actionlint" ]; then
    say "building actionlint $ACTIONLINT_VERSION into $dest"
    mkdir -p "$dest"
    GOBIN="$dest" go install -trimpath -ldflags "-s -w" "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  fi
  echo "actionlint=$dest/actionlint"
}

tools=("$@")
[ ${#tools[@]} -gt 0 ] || tools=(pulumi language actionlint)
for tool in "${tools[@]}"; do
  case "$tool" in
    pulumi) build_pulumi ;;
    language) build_language ;;
    actionlint) build_actionlint ;;
    *) say "unknown tool $tool: pulumi, language or actionlint"; exit 2 ;;
  esac
done
