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
