package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/benchdata"
)

// shallowSeeds are inputs for plainlyShallow's checks: the repository's
// Terraform files, a big generated one, and the shapes its scanner
// follows or gives up on.
func shallowSeeds(tb testing.TB) [][]byte {
	files, _ := filepath.Glob("../../testdata/terraform/*.tf")
	more, _ := filepath.Glob("../../rules/testdata/*/*.tf")
	var out [][]byte
	for _, p := range append(files, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	out = append(out, benchdata.Terraform(200))
	for _, s := range []string{
		"a = " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300),
		"a = " + strings.Repeat("!", 300) + "true",
		"a = \"" + strings.Repeat("${\"", 130) + "x" + strings.Repeat("\"}", 130) + "\"",
		"a = <<EOT\n  ${b}\n  EOT\nc = 1\n",
		"a = <<-EOT\n}}}}\nEOT \n",
		"a = <<EOT\nx\nEOT",
		"# } ) ]\na = [1, 2] // )\n/* } */ b = 1\n",
		"a = \"}\\\" ${c} $${d} %%{e}\"\n",
		"a = \"%{ if b }x%{ endif }\"\n",
		"a = \"x\ny\"\n",
		"a = b - c - d\ne = -1\n",
		"a = [" + strings.Repeat("-", 300) + "1]",
		"a = {\n" + strings.Repeat("b = -1\n", 400) + "}\n",
		"}",
		"a = <<\n",
		"<<0\n((((\n0\n",
		"a = {\n((((~}\n}\n",
		"a = \"${~ b ~}\"\n",
	} {
		out = append(out, []byte(s))
	}
	return out
}

// TestPlainlyShallow: where the byte scanner answers that a file is
// shallow, the lexer's count agrees; it answers so for the real files
// (or the guard's second lex would be back), and not for the deep ones.
func TestPlainlyShallow(t *testing.T) {
	shallow := 0
	for _, data := range shallowSeeds(t) {
		_, deep := tooDeep("f.tf", data)
		if plainlyShallow(data) {
			shallow++
			if deep {
				t.Errorf("plainly shallow, but the lexer's count is over %d:\n%.300s", maxDepth, data)
			}
		}
	}
	if !plainlyShallow(benchdata.Terraform(200)) {
		t.Error("a generated Terraform definition is not plainly shallow: it is lexed twice")
	}
	for _, s := range []string{
		"a = " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300),
		"a = " + strings.Repeat("!", 300) + "true",
		"a = <<EOT\n  ${b}\n  EOT\nc = {\n}\n",
		"# } ) ]\na = [1, 2] // )\n/* } */ b = 1\n",
		"a = \"}\\\" ${c} $${d} %%{e}\"\n",
		"a = {\n" + strings.Repeat("b = -1\n", 400) + "}\n",
	} {
		_, deep := tooDeep("f.tf", []byte(s))
		if got := plainlyShallow([]byte(s)); got == deep {
			t.Errorf("plainlyShallow %v, tooDeep %v for:\n%.200s", got, deep, s)
		}
	}
	if shallow < 10 {
		t.Errorf("only %d of the seeds are plainly shallow", shallow)
	}
}

// FuzzPlainlyShallow: on any input and for any limit, plainlyShallow
// answers true only where tooDeep finds no nesting past the limit. Small
// limits make a scanner that lost the lexer's place show on short inputs.
func FuzzPlainlyShallow(f *testing.F) {
	for _, s := range shallowSeeds(f) {
		f.Add(s, uint8(2))
	}
	f.Add([]byte("a = <<EOT\n${x}\nEOT\nb = [(1)]\n"), uint8(1))
	f.Add([]byte("a = \"${\"${b}\"}\" # }\n"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, limit uint8) {
		n := int(limit)%8 + 1
		if !plainlyShallowFor(data, n) {
			return
		}
		if _, deep := tooDeepFor("f.tf", data, n); deep {
			t.Fatalf("plainly shallow, but the lexer's count is over %d", n)
		}
	})
}

// TestPlainlyShallowSmallLimits runs the fuzz target's property over the
// seeds with every small limit.
func TestPlainlyShallowSmallLimits(t *testing.T) {
	for _, data := range shallowSeeds(t) {
		for n := 1; n <= 8; n++ {
			if plainlyShallowFor(data, n) {
				if _, deep := tooDeepFor("f.tf", data, n); deep {
					t.Errorf("limit %d: plainly shallow, but the lexer's count is over it:\n%.300s", n, data)
				}
			}
		}
	}
}
