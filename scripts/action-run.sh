#!/usr/bin/env bash
# The logic of the dplint GitHub Action (action.yml runs it; cli/action_test.go
# tests it). Needs bash (3.2 or newer) and jq; without jq, the annotations and
# the exit code still work, the counts and the step summary do not.
#
# Environment (action.yml maps its inputs to these):
#   DPLINT              the dplint binary (default: dplint on PATH)
#   INPUT_PATH          paths to lint, separated by spaces or newlines (default .)
#   INPUT_FORMAT        format of the run whose output goes to the log (default github)
#   INPUT_FAIL_LEVEL    error, warning, info, or none (never fail on findings);
#                       empty: .dplint.yaml's fail-level, else error
#   INPUT_ARGS          more dplint lint flags, separated by spaces (no quoting)
#   INPUT_SARIF_FILE    when set, also write SARIF to this file
#   GITHUB_OUTPUT       outputs: exit-code, errors, warnings, infos (and sarif-file)
#   GITHUB_STEP_SUMMARY the Markdown summary: counts per file and every finding
#
# Exits with dplint's exit code: 0 clean, 1 findings at or above the fail
# level (0 with fail-level none), 2 usage or unreadable path, 3 internal.
set -uo pipefail

dplint=${DPLINT:-dplint}
format=${INPUT_FORMAT:-github}
fail_level=${INPUT_FAIL_LEVEL:-}
sarif_file=${INPUT_SARIF_FILE:-}
max_rows=${DPLINT_SUMMARY_MAX_ROWS:-500}

# split_words TEXT: sets the array words to TEXT's words, split on blanks and
# newlines, with no glob expansion (read never globs).
split_words() {
	local line
	local -a line_words
	words=()
	while IFS= read -r line || [ -n "$line" ]; do
		read -r -a line_words <<<"$line"
		words+=(${line_words[@]+"${line_words[@]}"})
	done <<<"$1"
}

split_words "${INPUT_PATH:-.}"
paths=(${words[@]+"${words[@]}"})
if [ ${#paths[@]} -eq 0 ]; then
	paths=(.)
fi
split_words "${INPUT_ARGS:-}"
args=(${words[@]+"${words[@]}"})

# Without --fail-level, dplint takes .dplint.yaml's, else error.
level_args=()
case $fail_level in
error | warning | info) level_args=(--fail-level "$fail_level") ;;
'' | none) ;;
*)
	echo "::error title=dplint::fail-level must be error, warning, info or none, not '$fail_level'"
	exit 2
	;;
esac

if ! command -v "$dplint" >/dev/null 2>&1; then
	echo "::error title=dplint::dplint not found ('$dplint')"
	exit 2
fi

# lint FORMAT: one dplint run over the paths. The action's own flags come
# after the extra args, so they win.
lint() {
	"$dplint" lint ${args[@]+"${args[@]}"} --format "$1" ${level_args[@]+"${level_args[@]}"} -- "${paths[@]}"
}

tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/dplint.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# 1. The run whose output is the log: with the github format, annotations.
# Its stderr is kept for the summary, then printed.
lint "$format" 2>"$tmp/stderr"
rc=$?
cat "$tmp/stderr" >&2

# 2. SARIF, for code scanning.
if [ -n "$sarif_file" ]; then
	mkdir -p "$(dirname -- "$sarif_file")"
	lint sarif >"$sarif_file" 2>/dev/null
	sarif_rc=$?
	# Exit code 2 for an unreadable path still gives a report of the rest.
	if [ ! -s "$sarif_file" ]; then
		echo "::warning title=dplint::writing SARIF to $sarif_file failed (dplint exit code $sarif_rc)"
	fi
fi

# 3. Counts and the step summary, from the json format.
errors='' warnings='' infos=''
have_json=false
if command -v jq >/dev/null 2>&1; then
	json=$tmp/report.json
	lint json >"$json" 2>/dev/null
	if [ -s "$json" ] && jq -e 'has("diagnostics")' "$json" >/dev/null 2>&1; then
		have_json=true
		read -r errors warnings infos < <(jq -r '[.diagnostics[]?.severity] as $s
			| [($s | map(select(. == "error")) | length),
			   ($s | map(select(. == "warning")) | length),
			   ($s | map(select(. == "info")) | length)] | @tsv' "$json")
	else
		echo "::warning title=dplint::the json run gave no report; no counts or summary"
	fi
else
	echo "::warning title=dplint::jq is not installed: no counts or step summary"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
	{
		echo "exit-code=$rc"
		echo "errors=$errors"
		echo "warnings=$warnings"
		echo "infos=$infos"
		if [ -n "$sarif_file" ]; then
			echo "sarif-file=$sarif_file"
		fi
	} >>"$GITHUB_OUTPUT"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && $have_json; then
	jq -r --arg rc "$rc" --arg level "$fail_level" --arg paths "${paths[*]}" \
		--argjson max "$max_rows" --rawfile stderr "$tmp/stderr" '
		# Markdown table cell: no pipes, line breaks or HTML.
		def cell: tostring | gsub("\\|"; "\\|") | gsub("\r?\n"; " ")
			| gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;");
		def plural($n; $word): "\($n) \($word)\(if $n == 1 then "" else "s" end)";
		def count($sev): map(select(.severity == $sev)) | length;
		(if $level == "" or $level == "none" then "the fail level" else "fail-level \($level)" end) as $shown_level
		| (.diagnostics // []) as $d
		| ($d | count("error")) as $ne
		| ($d | count("warning")) as $nw
		| ($d | count("info")) as $ni
		| ($d | map(.file) | unique | length) as $nf
		| "## dplint",
		  "",
		  (if $rc == "0" and ($d | length) == 0 then "✅ No findings in \($paths | cell)."
		   elif $rc == "0" then "✅ \(plural($ne; "error")), \(plural($nw; "warning")), \(plural($ni; "info")) in \(plural($nf; "file")): nothing at \($shown_level)."
		   elif $rc == "1" then "\(if $level == "none" then "⚠️" else "❌" end) \(plural($ne; "error")), \(plural($nw; "warning")), \(plural($ni; "info")) in \(plural($nf; "file"))\(if $level == "none" then " (exit code 1; fail-level none: the step passes)" else ": findings at \($shown_level) (exit code 1)" end)."
		   else "⚠️ dplint exited with code \($rc) (\(if $rc == "2" then "a usage error, or a path that could not be read" else "it could not complete" end))\(if ($d | length) > 0 then ": \(plural($ne; "error")), \(plural($nw; "warning")), \(plural($ni; "info")) in \(plural($nf; "file"))" else "" end)."
		   end),
		  "",
		  (if $rc != "0" and $rc != "1" and ($stderr | length) > 0 then
		     "```", ($stderr | split("\n")[:50] | map(select(length > 0))[]), "```", ""
		   else empty end),
		  (if ($d | length) > 0 then
		     "| File | Errors | Warnings | Infos |",
		     "| --- | ---: | ---: | ---: |",
		     ($d | group_by(.file)[]
		       | "| \(.[0].file | cell) | \(count("error")) | \(count("warning")) | \(count("info")) |"),
		     "",
		     "<details><summary>\(plural($d | length; "finding"))</summary>",
		     "",
		     "| Location | Severity | Rule | Message |",
		     "| --- | --- | --- | --- |",
		     ($d[:$max][]
		       | "| \(.file | cell):\(.range.start.line):\(.range.start.column) | \(.severity) | \(.rule.id) \(.rule.name) | \(.message | cell) |"),
		     (if ($d | length) > $max then "", "… and \(($d | length) - $max) more: see the log." else empty end),
		     "",
		     "</details>",
		     ""
		   else empty end)
	' "$json" >>"$GITHUB_STEP_SUMMARY"
elif [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	printf '## dplint\n\ndplint exited with code %s (no details: %s).\n\n' "$rc" \
		"$(if command -v jq >/dev/null 2>&1; then echo "the json run gave no report"; else echo "jq is not installed"; fi)" >>"$GITHUB_STEP_SUMMARY"
	if [ -s "$tmp/stderr" ]; then
		{
			echo '```'
			head -n 50 "$tmp/stderr"
			echo '```'
		} >>"$GITHUB_STEP_SUMMARY"
	fi
fi

if [ "$fail_level" = none ] && [ "$rc" -eq 1 ]; then
	exit 0
fi
exit "$rc"
