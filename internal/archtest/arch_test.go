// Package archtest holds tests of the module's shape rather than its
// behaviour: which package may import which, one package doc per package, and
// a command line that only parses and prints. CONTRIBUTING.md describes the
// same layers; change both together.
package archtest

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/dplint/dplint"

// layer is each package's place in the one-way flow read → model →
// graph/expr → rules → lint → report → command line. A package may import
// only packages of a lower layer (or the same layer where listed in
// sameLayer). A new package must be placed here, which is the point: its
// author decides where it sits.
var layer = map[string]int{
	// Leaves: no local imports.
	"source":                0,
	"schema/catalog":        0,
	"internal/joda":         0,
	"internal/suggest":      0,
	"internal/testenv":      0,
	"internal/atomicfile":   0, // a file replaced whole or not at all (--fix, --output, --write-baseline)
	"internal/layout":       0, // geometry only: boxes and edges in layers, for dplint graph's SVG
	"internal/ojson":        1,
	"internal/pyjson":       1,
	"internal/config":       1,
	"schema":                1,
	"internal/awsfake":      1,
	"internal/apimodel":     1, // facts of the AWS API models: request checks, response conformance
	"definition":            2, // read: the model every reader produces
	"internal/iotanalytics": 2, // read: IoT Analytics documents, beside the Data Pipeline model
	"internal/cfn":          3,
	"internal/terraform":    3,
	"internal/graph":        3,
	"expr":                  3,
	"remote":                3, // talks to the service through the AWS SDK
	"remote/answer":         1, // the service's answer as dplint keeps it, without the SDK
	"internal/editorschema": 3,
	"internal/load":         4,
	"internal/benchdata":    3, // benchmark inputs, made with the readers' own model
	"internal/evalenv":      4,
	"internal/schedule":     4, // when components run: periods, styles, intervals (dplint serve)
	"diag":                  4,
	"rules":                 5,
	"internal/pipelinerun":  5, // an activated pipeline run: instances, attempts, tasks (dplint serve's runtime)
	"lint":                  6,
	"report":                6,
	"internal/baseline":     6, // known findings (lint --baseline): a step on lint's findings, before report
	"internal/ruledocs":     7,
	"internal/fix":          7, // lint --fix: the rules' fixes applied to a file's bytes
	"internal/explain":      7, // what explain prints; hovers show it too
	"internal/picture":      7, // dplint graph: the lint's findings drawn on the object graph
	"lsp":                   8, // the language server: embeds lint, owns the protocol
	"internal/iotserve":     7, // dplint serve's IoT Analytics REST-JSON API: protocol and state; the checks come from its caller
	"serve":                 8, // dplint serve: the Data Pipeline API answered by lint, owns its store
	"internal/playground":   8, // the browser playground's work: lint, graph, values for one text
	"internal/cli":          9,
	"cmd/dplint":            10,
	"cmd/dplint-wasm":       10, // the playground's WebAssembly main
	"scripts/benchgen":      10, // scripts/bench's inputs and baselines
}

// forbidden are edges the layers would allow but the design does not:
// formatters know nothing of rules or of the driver.
var forbidden = map[[2]string]string{
	{"report", "rules"}: "formatters know nothing of rules",
	{"report", "lint"}:  "formatters know nothing of the driver",
}

// sdkFree are the packages that must not link the AWS SDK, even through
// other packages: the linter as a library, the language server, the local
// service and the browser playground. Only package remote may import it;
// the SDK's package variables (endpoint tables, schemas) stay in any
// program that links it, 2.2 MB of the playground's module.
var sdkFree = []string{"diag", "rules", "lint", "report", "lsp", "serve", "internal/playground", "cmd/dplint-wasm"}

type pkg struct {
	dir     string // relative to the module root, slash-separated
	files   []string
	imports []string // local imports, relative to the module
}

func packages(t *testing.T) []pkg {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var out []pkg
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if n := d.Name(); path != root && (n == "testdata" || strings.HasPrefix(n, ".") || n == "node_modules") {
			return filepath.SkipDir
		}
		bp, err := build.Default.ImportDir(path, build.ImportComment)
		if err != nil {
			if _, ok := err.(*build.NoGoError); ok {
				return nil
			}
			return err
		}
		if len(bp.GoFiles) == 0 {
			return nil // tests only, like this package
		}
		rel, _ := filepath.Rel(root, path)
		p := pkg{dir: filepath.ToSlash(rel), files: bp.GoFiles}
		for _, imp := range bp.Imports {
			if local, ok := strings.CutPrefix(imp, module+"/"); ok {
				p.imports = append(p.imports, local)
			}
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("found only %d packages under %s", len(out), root)
	}
	return out
}

func TestImportsFlowOneWay(t *testing.T) {
	for _, p := range packages(t) {
		from, ok := layer[p.dir]
		if !ok {
			t.Errorf("%s: new package; give it a layer in internal/archtest and CONTRIBUTING.md", p.dir)
			continue
		}
		for _, imp := range p.imports {
			if why, bad := forbidden[[2]string{p.dir, imp}]; bad {
				t.Errorf("%s imports %s: %s", p.dir, imp, why)
				continue
			}
			to, ok := layer[imp]
			if ok && to >= from {
				t.Errorf("%s (layer %d) imports %s (layer %d): data flows one way", p.dir, from, imp, to)
			}
		}
	}
}

func TestLinterDoesNotLinkTheSDK(t *testing.T) {
	imports := map[string][]string{}
	sdk := map[string]string{} // a package that imports the SDK: one SDK package it imports
	for _, p := range packages(t) {
		imports[p.dir] = p.imports
		bp, err := build.Default.ImportDir(filepath.Join("../..", p.dir), build.ImportComment)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range bp.Imports {
			if strings.HasPrefix(imp, "github.com/aws/aws-sdk-go-v2") {
				sdk[p.dir] = imp
			}
		}
	}
	if sdk["remote"] == "" {
		t.Fatal("remote imports no SDK package; the test no longer sees the SDK")
	}
	for _, root := range sdkFree {
		if _, ok := imports[root]; !ok {
			t.Errorf("%s: no such package (update sdkFree)", root)
			continue
		}
		// Walk the local imports; the path to a package that imports the
		// SDK says who brought it in.
		from := map[string]string{root: ""}
		queue := []string{root}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			if imp := sdk[p]; imp != "" {
				chain := []string{imp}
				for q := p; q != ""; q = from[q] {
					chain = append([]string{q}, chain...)
				}
				t.Errorf("%s links the AWS SDK: %s", root, strings.Join(chain, " → "))
				break
			}
			for _, imp := range imports[p] {
				if _, seen := from[imp]; !seen {
					from[imp] = p
					queue = append(queue, imp)
				}
			}
		}
	}
}

// TestOnePackageDoc: exactly one file of each package carries the package
// comment, and it names the package, so go doc shows one clear paragraph.
func TestOnePackageDoc(t *testing.T) {
	fset := token.NewFileSet()
	for _, p := range packages(t) {
		var with []string
		name := ""
		for _, f := range p.files {
			file, err := parser.ParseFile(fset, filepath.Join("../..", p.dir, f), nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			name = file.Name.Name
			if file.Doc != nil {
				with = append(with, f)
				text := file.Doc.Text()
				want := "Package " + name + " "
				if name == "main" {
					want = "Command " + filepath.Base(p.dir) + " "
				}
				if !strings.HasPrefix(text, want) {
					t.Errorf("%s/%s: package doc should start %q: %.40q", p.dir, f, want, text)
				}
			}
		}
		if len(with) != 1 {
			sort.Strings(with)
			t.Errorf("%s: package %s has %d package docs %v, want 1", p.dir, name, len(with), with)
		}
	}
}

// TestThinCommandLine: the command line only parses flags and prints; a
// function there that grows past 80 lines is doing someone else's job.
func TestThinCommandLine(t *testing.T) {
	const limit = 80
	fset := token.NewFileSet()
	for _, p := range packages(t) {
		if p.dir != "internal/cli" && p.dir != "cmd/dplint" {
			continue
		}
		for _, f := range p.files {
			file, err := parser.ParseFile(fset, filepath.Join("../..", p.dir, f), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range file.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				start, end := fset.Position(fn.Pos()).Line, fset.Position(fn.End()).Line
				if n := end - start + 1; n > limit {
					t.Errorf("%s/%s:%d: %s is %d lines (limit %d)", p.dir, f, start, fn.Name.Name, n, limit)
				}
			}
		}
	}
}
