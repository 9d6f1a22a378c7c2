#!/usr/bin/env bash
# The cache key of the dplint GitHub Action's built binary (action.yml runs
# it before actions/cache/restore; cli/action_test.go tests it). It writes
# key=KEY to GITHUB_OUTPUT (stdout without it), or key= when the build must
# not be cached.
#
# Environment:
#   ACTION_PATH     the action's checkout (github.action_path)
#   ACTION_REF      the ref the workflow asked for (github.action_ref; empty for uses: ./)
#   DPLINT_VERSION  the version input: a module version to install instead of building
#   RUNNER_OS, RUNNER_ARCH  set by the runner
#
# The key holds the runner's system, the Go version the build uses (the one
# actions/setup-go put first on PATH, or the runner's own with setup-go:
# false) and what is built:
#   - with version vX.Y.Z (a release or pseudo-version): that version, which
#     never changes; latest or a branch may move, so they are never cached;
#   - otherwise the action's source: its commit when the action path is a
#     clean git checkout (uses: ./), else a hash of its Go files, go.mod and
#     go.sum (a downloaded action has no .git, and a tag such as v1 moves),
#     with the ref for whoever reads the key.
set -euo pipefail

out=${GITHUB_OUTPUT:-/dev/stdout}
action_path=${ACTION_PATH:-.}

# sanitize TEXT: a cache key holds no commas; keep it to plain characters.
sanitize() {
	printf '%s' "$1" | tr -c 'A-Za-z0-9._+-' '-'
}

# source_hash: the SHA-256 of the action's Go sources, go.mod and go.sum,
# names included, test data left out.
source_hash() {
	local -a sum=(sha256sum)
	if ! command -v sha256sum >/dev/null 2>&1; then
		sum=(shasum -a 256) # macOS
	fi
	(
		cd "$action_path"
		find . \( -name .git -o -name testdata \) -prune -o -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) -print0 |
			LC_ALL=C sort -z | xargs -0 "${sum[@]}" | "${sum[@]}" | cut -c1-16
	)
}

version=${DPLINT_VERSION:-}
if [ -n "$version" ]; then
	case $version in
	v[0-9]*.[0-9]*.[0-9]*) what="install-$(sanitize "$version")" ;;
	*)
		echo "key=" >>"$out"
		exit 0
		;;
	esac
else
	commit=''
	if git -C "$action_path" rev-parse --show-toplevel >/dev/null 2>&1 &&
		[ -z "$(git -C "$action_path" status --porcelain --untracked-files=no -- . 2>/dev/null)" ]; then
		commit=$(git -C "$action_path" rev-parse HEAD 2>/dev/null || true)
	fi
	if [ -n "$commit" ]; then
		what="commit-$commit"
	else
		what="source-$(source_hash)"
	fi
	what="$(sanitize "${ACTION_REF:-local}")-$what"
fi
go_version=$(go env GOVERSION)
echo "key=dplint-$(sanitize "${RUNNER_OS:-os}-${RUNNER_ARCH:-arch}")-$(sanitize "$go_version")-$what" >>"$out"
