package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/source"
)

func build(t testing.TB, text string) *graph.Graph {
	t.Helper()
	f := source.Parse("g.json", []byte(text))
	if f.Root == nil {
		t.Fatalf("fixture does not parse: %s", text)
	}
	return graph.Build(definition.Read("g.json", f))
}

func ids(os []*definition.Object) string {
	var s []string
	for _, o := range os {
		s = append(s, o.ID)
	}
	return strings.Join(s, ">")
}

func TestLookupPrecedence(t *testing.T) {
	g := build(t, `{"objects": [
		{"id": "Default", "role": "R-default", "region": "eu-west-1", "parent": {"ref": "Base"}},
		{"id": "Base", "role": "R-base", "type": "Ec2Resource", "instanceType": "m5.large"},
		{"id": "Mid", "parent": {"ref": "Base"}, "instanceType": "t3.micro"},
		{"id": "Leaf", "parent": {"ref": "Mid"}, "myOwn": "x"},
		{"id": "Orphan", "type": "Ec2Resource"}
	]}`)
	leaf := g.Object("Leaf")
	for _, tc := range []struct{ obj, key, wantFrom, wantValue string }{
		{"Leaf", "myOwn", "Leaf", "x"},
		{"Leaf", "instanceType", "Mid", "t3.micro"},
		{"Leaf", "role", "Base", "R-base"},
		{"Leaf", "region", "Default", "eu-west-1"},
		{"Orphan", "role", "Default", "R-default"},
		{"Default", "role", "Default", "R-default"},
		{"Default", "instanceType", "Base", "m5.large"}, // Default's own parent chain
		{"Leaf", "nothing", "", ""},
	} {
		f, from := g.Lookup(g.Object(tc.obj), tc.key)
		got, gotValue := "", ""
		if from != nil {
			got, gotValue = from.ID, f.Values[0].Text
		}
		if got != tc.wantFrom || gotValue != tc.wantValue {
			t.Errorf("Lookup(%s, %s) = %s:%s, want %s:%s", tc.obj, tc.key, got, gotValue, tc.wantFrom, tc.wantValue)
		}
	}
	if got := ids(g.Parents(leaf)); got != "Mid>Base" {
		t.Errorf("Parents(Leaf) = %s", got)
	}
	if g.Type(leaf) != "Ec2Resource" || g.Type(g.Object("Default")) != "Ec2Resource" || g.Type(g.Object("Mid")) != "Ec2Resource" {
		t.Errorf("types: Leaf %q, Default %q", g.Type(leaf), g.Type(g.Object("Default")))
	}
	if !g.UsedAsParent(g.Object("Base")) || g.UsedAsParent(leaf) {
		t.Error("UsedAsParent")
	}
}

func TestEdges(t *testing.T) {
	g := build(t, `{"objects": [
		{"id": "A", "runsOn": {"ref": "R"}, "dependsOn": [{"ref": "B"}, {"ref": "Gone"}], "input": "notARef"},
		{"id": "B"}, {"id": "R"}, {"id": "R", "note": "a duplicate id: refs go to the first"}
	]}`)
	var got []string
	for _, e := range g.Edges {
		to := "<missing>"
		if e.To != nil {
			to = fmt.Sprintf("%s@%d", e.To.ID, e.To.Node.Start)
		}
		got = append(got, e.From.ID+"."+e.Field.Key+"->"+e.Value.Text+"="+to)
	}
	want := fmt.Sprintf("A.runsOn->R=R@%d A.dependsOn->B=B@%d A.dependsOn->Gone=<missing>", g.Object("R").Node.Start, g.Object("B").Node.Start)
	if strings.Join(got, " ") != want {
		t.Errorf("edges:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if len(g.In(g.Object("B"))) != 1 || len(g.Out(g.Object("B"))) != 0 {
		t.Error("In/Out")
	}
}

func TestCycles(t *testing.T) {
	for _, tc := range []struct {
		name, objects, want string
	}{
		{"none", `{"id": "A", "dependsOn": {"ref": "B"}}, {"id": "B"}`, ""},
		{"dependsOn pair", `{"id": "A", "dependsOn": {"ref": "B"}}, {"id": "B", "dependsOn": {"ref": "A"}}`, "dependsOn:A>B"},
		{"self", `{"id": "A", "dependsOn": [{"ref": "A"}]}`, "dependsOn:A"},
		{"three, found from the middle", `{"id": "X", "dependsOn": {"ref": "B"}}, {"id": "A", "dependsOn": {"ref": "B"}}, {"id": "B", "dependsOn": {"ref": "C"}}, {"id": "C", "dependsOn": {"ref": "A"}}`, "dependsOn:A>B>C"},
		{"two separate", `{"id": "A", "dependsOn": {"ref": "B"}}, {"id": "B", "dependsOn": {"ref": "A"}}, {"id": "C", "dependsOn": {"ref": "D"}}, {"id": "D", "dependsOn": {"ref": "C"}}`, "dependsOn:A>B dependsOn:C>D"},
		{"parent pair", `{"id": "A", "parent": {"ref": "B"}}, {"id": "B", "parent": {"ref": "A"}}`, "parent:A>B"},
		{"parent loop reached from outside", `{"id": "Z", "parent": {"ref": "B"}}, {"id": "A", "parent": {"ref": "C"}}, {"id": "B", "parent": {"ref": "A"}}, {"id": "C", "parent": {"ref": "B"}}`, "parent:A>C>B"},
		{"parent self", `{"id": "A", "parent": {"ref": "A"}}`, "parent:A"},
		{"both slots", `{"id": "A", "parent": {"ref": "A"}, "dependsOn": {"ref": "B"}}, {"id": "B", "dependsOn": {"ref": "A"}}`, "parent:A dependsOn:A>B"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := build(t, `{"objects": [`+tc.objects+`]}`)
			var got []string
			for _, c := range g.Cycles() {
				got = append(got, c.Slot+":"+ids(c.Objects))
				for i, e := range c.Edges {
					if e.From != c.Objects[i] || e.To != c.Objects[(i+1)%len(c.Objects)] {
						t.Errorf("%s: edge %d goes %s->%s", c.Slot, i, e.From.ID, e.To.ID)
					}
				}
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("cycles = %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
	// Lookup terminates on a parent loop.
	g := build(t, `{"objects": [{"id": "A", "parent": {"ref": "B"}}, {"id": "B", "parent": {"ref": "A"}, "x": "1"}]}`)
	if f, from := g.Lookup(g.Object("A"), "x"); f == nil || from.ID != "B" {
		t.Error("lookup through a loop")
	}
	if f, _ := g.Lookup(g.Object("A"), "y"); f != nil {
		t.Error("lookup of a missing key through a loop")
	}
}

// BenchmarkBuild: a long parent chain and a long dependsOn chain, to keep
// building linear.
func BenchmarkBuild(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"objects": [`)
	const n = 20000
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `{"id": "O%d", "parent": {"ref": "O%d"}, "dependsOn": {"ref": "O%d"}}`, i, i+1, i+1)
	}
	sb.WriteString(`]}`)
	d := definition.Read("b.json", source.Parse("b.json", []byte(sb.String())))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		graph.Build(d)
	}
}

// TestInheritanceOnLongChainsAndLoops: what Lookup, Type and Unresolved
// answer along a long parent chain, a loop and a chain into a loop is what
// walking the chain gives.
func TestInheritanceOnLongChainsAndLoops(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"objects": [`)
	const n = 3000
	// C0 → C1 → … → C(n-1), which has the type and x; C(n/2) has y.
	for i := 0; i < n; i++ {
		extra := ""
		switch i {
		case n - 1:
			extra = `, "type": "ShellCommandActivity", "x": "end"`
		case n / 2:
			extra = `, "y": "middle", "parent": {"ref": "C` + fmt.Sprint(i+1) + `"}`
		default:
			extra = `, "parent": {"ref": "C` + fmt.Sprint(i+1) + `"}`
		}
		fmt.Fprintf(&sb, `{"id": "C%d"%s},`, i, extra)
	}
	// A loop L0 → L1 → L2 → L0, L1 holding z; T → L0 enters it.
	sb.WriteString(`{"id": "L0", "parent": {"ref": "L1"}}, {"id": "L1", "parent": {"ref": "L2"}, "z": "1", "type": "Ec2Resource"},
		{"id": "L2", "parent": {"ref": "L0"}}, {"id": "T", "parent": {"ref": "L0"}},
		{"id": "D0", "parent": {"ref": "D1"}}, {"id": "D1", "parent": {"ref": "Missing"}}]}`)
	g := build(t, sb.String())
	get := func(id, key string) string {
		if f, from := g.Lookup(g.Object(id), key); f != nil {
			return from.ID
		}
		return ""
	}
	for _, tc := range []struct{ id, key, want string }{
		{"C0", "x", fmt.Sprintf("C%d", n-1)}, {"C10", "x", fmt.Sprintf("C%d", n-1)},
		{"C0", "y", fmt.Sprintf("C%d", n/2)}, {fmt.Sprintf("C%d", n/2), "y", fmt.Sprintf("C%d", n/2)},
		{fmt.Sprintf("C%d", n/2+1), "y", ""}, {"C0", "nope", ""},
		{"L0", "z", "L1"}, {"L2", "z", "L1"}, {"T", "z", "L1"},
		{"L1", "z", "L1"}, // its own
		{"L0", "nope", ""},
	} {
		if got := get(tc.id, tc.key); got != tc.want {
			t.Errorf("Lookup(%s, %s) from %q, want %q", tc.id, tc.key, got, tc.want)
		}
	}
	if ty := g.Type(g.Object("C0")); ty != "ShellCommandActivity" {
		t.Errorf("Type(C0) = %q", ty)
	}
	if ty := g.Type(g.Object("L2")); ty != "Ec2Resource" {
		t.Errorf("Type(L2) = %q", ty)
	}
	// In a loop of two, each inherits from the other but never from itself.
	g2 := build(t, `{"objects": [{"id": "A", "parent": {"ref": "B"}, "z": "a"}, {"id": "B", "parent": {"ref": "A"}}]}`)
	if f, _ := g2.Lookup(g2.Object("B"), "z"); f == nil {
		t.Error("B inherits z from A")
	}
	if f, from := g2.Lookup(g2.Object("A"), "z"); f == nil || from.ID != "A" {
		t.Error("A's own z")
	}
	if ty := g2.Type(g2.Object("A")); ty != "" {
		t.Errorf("a loop with no type gives none: %q", ty)
	}
	if !g.Unresolved(g.Object("D0")) || !g.Unresolved(g.Object("D1")) || g.Unresolved(g.Object("C0")) || g.Unresolved(g.Object("T")) {
		t.Error("Unresolved: D0 and D1 lead to a missing parent; C0 and T do not")
	}
}

// BenchmarkInheritance: every object of a long parent chain and of a long
// parent loop asks for several keys, as the rules do; the cost per object
// must not grow with the chain.
func BenchmarkInheritance(b *testing.B) {
	for _, shape := range []string{"chain", "loop"} {
		for _, n := range []int{1000, 10000} {
			b.Run(fmt.Sprintf("%s-%d", shape, n), func(b *testing.B) {
				var sb strings.Builder
				sb.WriteString(`{"objects": [`)
				for i := 0; i < n; i++ {
					parent := (i + 1) % n
					if shape == "chain" && i == n-1 {
						fmt.Fprintf(&sb, `{"id": "O%d", "type": "ShellCommandActivity"}`, i)
						break
					}
					fmt.Fprintf(&sb, `{"id": "O%d", "parent": {"ref": "O%d"}},`, i, parent)
				}
				s := strings.TrimSuffix(sb.String(), ",") + `]}`
				d := definition.Read("b.json", source.Parse("b.json", []byte(s)))
				b.ResetTimer()
				for b.Loop() {
					g := graph.Build(d)
					for _, o := range d.Objects {
						g.Type(o)
						g.Unresolved(o)
						for _, k := range []string{"schedule", "runsOn", "workerGroup", "role"} {
							g.Lookup(o, k)
						}
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/object")
			})
		}
	}
}
