#!/usr/bin/env bash
# The logic of the dplint GitHub Action (action.yml runs it; cli/action_test.go
# tests it). Needs bash (3.2 or newer) and jq; without jq, the annotations and
# the exit code still work, the counts and the step summary do not.
#
# Environment (action.yml maps its inputs to these):
#   DPLINT              the dplint binary (default: dplint on PATH)
#   INPUT_PATH          paths to lint, separated by spaces or newlines (default .)
#   INPUT_FORMAT        format of the report printed to the log (default github)
#   INPUT_FAIL_LEVEL    error, warning, info, or none (never fail on findings);
#                       empty: .dplint.yaml's fail-level, else error
#   INPUT_ARGS          more dplint lint flags, separated by spaces (no quoting)
#   INPUT_SARIF_FILE    when set, also write SARIF to this file
#   GITHUB_OUTPUT       outputs: exit-code, errors, warnings, infos (and sarif-file)
#   GITHUB_STEP_SUMMARY the Markdown summary: counts per file, then each file's
#                       findings and, when dplint has the graph command, its
#                       pipeline as a Mermaid diagram
#
# dplint lints once: the log's report on stdout, SARIF and the JSON the
# counts and the summary come from through --output, so `args: --remote`
# asks the service once.
#
# Exits with dplint's exit code: 0 clean, 1 findings at or above the fail
# level (0 with fail-level none), 2 usage or unreadable path, 3 internal.
set -uo pipefail

dplint=${DPLINT:-dplint}
format=${INPUT_FORMAT:-github}
fail_level=${INPUT_FAIL_LEVEL:-}
sarif_file=${INPUT_SARIF_FILE:-}
max_rows=${DPLINT_SUMMARY_MAX_ROWS:-500}
# A Mermaid diagram larger than this is left out of the summary (GitHub
# caps a step summary at 1 MiB, and renders no diagram that big anyway).
max_graph=${DPLINT_SUMMARY_MAX_GRAPH:-50000}

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

have_jq=false
if command -v jq >/dev/null 2>&1; then
	have_jq=true
else
	echo "::warning title=dplint::jq is not installed: no counts or step summary"
fi

tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/dplint.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
json=$tmp/report.json

# The one dplint run. The action's own flags come after the extra args, so
# they win. Its stderr is kept for the summary, then printed.
output_args=()
if [ -n "$sarif_file" ]; then
	mkdir -p "$(dirname -- "$sarif_file")"
	# No stale report from an earlier run passes for this one's.
	rm -f -- "$sarif_file"
	output_args+=(--output "sarif=$sarif_file")
fi
if $have_jq; then
	output_args+=(--output "json=$json")
fi
"$dplint" lint ${args[@]+"${args[@]}"} --format "$format" ${level_args[@]+"${level_args[@]}"} \
	${output_args[@]+"${output_args[@]}"} -- "${paths[@]}" 2>"$tmp/stderr"
rc=$?
cat "$tmp/stderr" >&2

# An unreadable path (exit 2) still gives a report of the rest; a usage
# error gives none.
if [ -n "$sarif_file" ] && [ ! -s "$sarif_file" ]; then
	echo "::warning title=dplint::dplint wrote no SARIF to $sarif_file (exit code $rc)"
fi

# Counts, from the json report.
errors='' warnings='' infos=''
have_json=false
if $have_jq; then
	if [ -s "$json" ] && jq -e 'has("diagnostics")' "$json" >/dev/null 2>&1; then
		have_json=true
		read -r errors warnings infos < <(jq -r '[.diagnostics[]?.severity] as $s
			| [($s | map(select(. == "error")) | length),
			   ($s | map(select(. == "warning")) | length),
			   ($s | map(select(. == "info")) | length)] | @tsv' "$json")
	else
		echo "::warning title=dplint::the run gave no json report; no counts or summary"
	fi
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

# The jq definitions every part of the summary shares ($n and the like are
# jq's variables, not the shell's).
# shellcheck disable=SC2016
jq_defs='
	# Markdown table cell: no pipes, line breaks or HTML.
	def cell: tostring | gsub("\\|"; "\\|") | gsub("\r?\n"; " ")
		| gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;");
	def plural($n; $word): "\($n) \($word)\(if $n == 1 then "" else "s" end)";
	def count($sev): map(select(.severity == $sev)) | length;
'

# summary_head: the status line, the baseline's counts, dplint's complaint
# when it could not finish, and the counts per file.
summary_head() {
	jq -r --arg rc "$rc" --arg level "$fail_level" --arg paths "${paths[*]}" \
		--rawfile stderr "$tmp/stderr" "$jq_defs"'
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
		  (if .baseline then
		     "Baseline \(.baseline.file | cell): \(plural(.baseline.baselined; "finding")) baselined (not shown), \(plural(.baseline.gone; "baselined finding")) no longer \(if .baseline.gone == 1 then "occurs" else "occur" end).",
		     ""
		   else empty end),
		  (if $rc != "0" and $rc != "1" and ($stderr | length) > 0 then
		     "```", ($stderr | split("\n")[:50] | map(select(length > 0))[]), "```", ""
		   else empty end),
		  (if ($d | length) > 0 then
		     "| File | Errors | Warnings | Infos |",
		     "| --- | ---: | ---: | ---: |",
		     ($d | group_by(.file)[]
		       | "| \(.[0].file | cell) | \(count("error")) | \(count("warning")) | \(count("info")) |"),
		     ""
		   else empty end)
	' "$json"
}

# summary_files: the files with findings, sorted, one per line (a file name
# with a line break in it is not worth a summary section).
summary_files() {
	jq -r '[.diagnostics[]?.file] | unique[] | select(test("\n") | not)' "$json"
}

# summary_table FILE MAX: FILE's findings, at most MAX rows of them.
summary_table() {
	jq -r --arg file "$1" --argjson max "$2" "$jq_defs"'
		[.diagnostics[] | select(.file == $file)] as $d
		| "### \($file | cell)",
		  "",
		  "| Location | Severity | Rule | Message |",
		  "| --- | --- | --- | --- |",
		  ($d[:$max][]
		    | "| \(.file | cell):\(.range.start.line):\(.range.start.column) | \(.severity) | \(.rule.id) \(.rule.name) | \(.message | cell) |"),
		  (if ($d | length) > $max then "", "… and \(($d | length) - $max) more: see the log." else empty end),
		  ""
	' "$json"
}

# summary_graph FILE: FILE's pipelines as a Mermaid diagram, from
# `dplint graph --format mermaid FILE`, when this dplint has the graph
# command (`dplint graph --help` exits 0); nothing otherwise, or when the
# graph cannot be drawn or is too large to show.
have_graph=''
summary_graph() {
	local out
	if [ -z "$have_graph" ]; then
		have_graph=false
		if "$dplint" graph --help >/dev/null 2>&1; then
			have_graph=true
		fi
	fi
	if ! $have_graph; then
		return 0
	fi
	if ! out=$("$dplint" graph --format mermaid -- "$1" 2>/dev/null) || [ -z "$out" ]; then
		return 0
	fi
	if [ ${#out} -gt "$max_graph" ]; then
		printf '(The graph of this file is left out: %s characters.)\n\n' "${#out}"
		return 0
	fi
	# shellcheck disable=SC2016 # Markdown's backquotes, not the shell's
	printf '```mermaid\n%s\n```\n\n' "$out"
}

# summary: the whole step summary; each file's section is its findings
# table, then its graph. At most max_rows findings in all.
summary() {
	local file rows left=$max_rows
	summary_head
	while IFS= read -r file; do
		if [ "$left" -le 0 ]; then
			printf '… and the findings of more files: see the log.\n\n'
			break
		fi
		summary_table "$file" "$left"
		rows=$(jq --arg file "$file" '[.diagnostics[] | select(.file == $file)] | length' "$json")
		left=$((left - rows))
		summary_graph "$file"
	done < <(summary_files)
}

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && $have_json; then
	summary >>"$GITHUB_STEP_SUMMARY"
elif [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	printf '## dplint\n\ndplint exited with code %s (no details: %s).\n\n' "$rc" \
		"$(if $have_jq; then echo "the run gave no json report"; else echo "jq is not installed"; fi)" >>"$GITHUB_STEP_SUMMARY"
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
