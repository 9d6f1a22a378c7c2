// Package baseline records a run's findings so that later runs report only
// new ones (lint --write-baseline, --baseline). A finding is known by its
// key: the rule, the file (relative to the baseline file's directory,
// slash-separated), the pipeline within it (a template's logical id), the
// object or parameter id and the field; never by line or column, so edits
// elsewhere in a file keep its findings known, and never by message or
// value, so a baseline holds no secret. Findings with the same key are
// counted: one more than the baseline holds is new.
//
// The file is a small JSON document, sorted, one finding per line, so that
// a pull request shows what it adds and removes:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {"file": "pipelines/a.json", "object": "Default", "field": "workerGroup", "rule": "DP1006", "count": 1}
//	  ]
//	}
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dplint/dplint/diag"
)

// Version is the version of the baseline file. It changes only when a
// key's meaning changes; a file of another version is refused.
const Version = 1

// Key is what a finding is known by.
type Key struct {
	File     string // relative to the baseline file's directory, "/"-separated
	Pipeline string // the pipeline within the file (a template's logical id), "" for a definition file
	Object   string // the object or parameter id, "" for the file as a whole
	Field    string // diag.Diagnostic.Field
	Rule     string // the rule's id
}

func (k Key) compare(o Key) int {
	return cmp.Or(cmp.Compare(k.File, o.File), cmp.Compare(k.Pipeline, o.Pipeline), cmp.Compare(k.Object, o.Object),
		cmp.Compare(k.Field, o.Field), cmp.Compare(k.Rule, o.Rule))
}

// Baseline is a set of known findings, each key with a count.
type Baseline struct {
	// Path is the file the baseline was read from or is written to, as named.
	Path   string
	dir    string // the absolute directory keys' files are relative to
	counts map[Key]int
}

// New is an empty baseline for the file at path (not read: its
// directory is what keys' files are relative to).
func New(path string) *Baseline {
	return &Baseline{Path: path, dir: filepath.Dir(absolute(path)), counts: map[Key]int{}}
}

// Record is a baseline, for the file at path, of every finding of files.
func Record(path string, files []*diag.File) *Baseline {
	b := New(path)
	for _, f := range files {
		for _, d := range f.Definitions {
			for _, dg := range d.Diagnostics {
				b.counts[b.KeyOf(dg)]++
			}
		}
	}
	return b
}

// Len is the number of findings the baseline holds.
func (b *Baseline) Len() int {
	n := 0
	for _, c := range b.counts {
		n += c
	}
	return n
}

// KeyOf is a finding's key. Its folded findings go with it: they are
// notes of the same mistake.
func (b *Baseline) KeyOf(dg diag.Diagnostic) Key {
	k := Key{File: b.file(dg.File), Object: dg.Object, Field: dg.Field, Rule: dg.Rule.ID}
	if p, ok := strings.CutPrefix(dg.Definition, dg.File+"#"); ok {
		k.Pipeline = p
	}
	return k
}

// file is a finding's file as a key holds it: relative to the baseline's
// directory, "/"-separated. A name that is no path (a deployed pipeline,
// deployed:df-…) stays as it is.
func (b *Baseline) file(name string) string {
	if strings.HasPrefix(name, "deployed:") {
		return name
	}
	if rel, err := filepath.Rel(b.dir, absolute(name)); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(name)
}

func absolute(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// Apply moves the findings the baseline holds out of each definition's
// Diagnostics into its Baselined, in order: of several findings with one
// key, the first the baseline counts are known and the rest are new. It
// returns what it did; findings gone are counted only for the files
// linted (a run over some files says nothing of the others), and not for
// a file that could not be linted in full.
func (b *Baseline) Apply(files []*diag.File) diag.BaselineSummary {
	sum := diag.BaselineSummary{Path: b.Path}
	used := map[Key]int{}
	linted := map[string]bool{}
	for _, f := range files {
		if f.Err == nil {
			linted[b.file(f.Path)] = true
		}
		for _, d := range f.Definitions {
			kept := d.Diagnostics[:0]
			for _, dg := range d.Diagnostics {
				k := b.KeyOf(dg)
				if used[k] < b.counts[k] {
					used[k]++
					d.Baselined = append(d.Baselined, dg)
					continue
				}
				kept = append(kept, dg)
			}
			sum.Baselined += len(d.Baselined)
			d.Diagnostics = kept
		}
	}
	for k, c := range b.counts {
		if linted[k.File] {
			sum.Gone += c - used[k]
		}
	}
	return sum
}

// keys is the baseline's keys, sorted.
func (b *Baseline) keys() []Key {
	keys := make([]Key, 0, len(b.counts))
	for k := range b.counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, Key.compare)
	return keys
}

// Encode is the baseline file's content: keys sorted, one finding per
// line, "pipeline" only where there is one.
func (b *Baseline) Encode() []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"version\": %d,\n  \"findings\": [", Version)
	for i, k := range b.keys() {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    {\"file\": " + quote(k.File))
		if k.Pipeline != "" {
			buf.WriteString(", \"pipeline\": " + quote(k.Pipeline))
		}
		fmt.Fprintf(&buf, ", \"object\": %s, \"field\": %s, \"rule\": %s, \"count\": %d}", quote(k.Object), quote(k.Field), quote(k.Rule), b.counts[k])
	}
	if len(b.counts) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return buf.Bytes()
}

// quote is s as a JSON string, <, > and & as they are (the file is read
// by people).
func quote(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(buf.String(), "\n")
}

// Load reads the baseline file at path.
func Load(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the baseline: %w", err)
	}
	return Parse(path, data)
}
