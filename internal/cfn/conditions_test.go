package cfn

import (
	"strings"
	"testing"

	"github.com/dplint/dplint/source"
)

// TestConditionValues: what the parameters' defaults settle, and what they
// leave open (no Default, a pseudo parameter, a cycle, an unknown function).
func TestConditionValues(t *testing.T) {
	tree, err := yamlTree([]byte(`Parameters:
  Env: {Type: String, Default: prod}
  Size: {Type: Number, Default: 3}
  Secret: {Type: String, Default: s3cr3t, NoEcho: true}
  Free: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Equals [dev, !Ref Env]]
  Three: !Equals [!Ref Size, "3"]
  Both: !And [Condition: IsProd, Condition: Three]
  Either: !Or [!Equals [!Ref Free, x], Condition: IsProd]
  FreeAnd: !And [!Equals [!Ref Free, x], Condition: IsProd]
  Masked: !Equals [!Ref Secret, s3cr3t]
  Open: !Equals [!Ref Free, x]
  Region: !Equals [!Ref "AWS::Region", us-east-1]
  Loop: !Not [Condition: Loop]
  Strange: !Contains [[a], a]
`))
	if err != nil {
		t.Fatal(err)
	}
	source.Link(tree)
	c := newConditions(tree.Get("Conditions"), readParameters(tree.Get("Parameters")))
	for _, tc := range []struct {
		name         string
		value, known bool
		why          string
	}{
		{"IsProd", true, true, "parameter Env's Default 'prod'"},
		{"IsDev", true, true, "parameter Env's Default 'prod'"},
		{"Three", true, true, "parameter Size's Default '3'"},
		{"Both", true, true, "parameter Env's Default 'prod', parameter Size's Default '3'"},
		{"Either", true, true, "parameter Env's Default 'prod'"}, // decided by IsProd alone
		{"FreeAnd", false, false, ""},
		{"Masked", true, true, "parameter Secret's Default"}, // NoEcho: the value is not shown
		{"Open", false, false, ""},
		{"Region", false, false, ""},
		{"Loop", false, false, ""},
		{"Strange", false, false, ""},
		{"Missing", false, false, ""},
	} {
		value, known := c.eval(tc.name)
		if value != tc.value || known != tc.known {
			t.Errorf("%s = %v (known %v), want %v (known %v)", tc.name, value, known, tc.value, tc.known)
		}
		if known {
			if why := c.why(tc.name); why != tc.why {
				t.Errorf("%s: why %q, want %q", tc.name, why, tc.why)
			}
		}
	}
}

// TestWorlds: a pipeline with open conditions is built once per choice of
// their values; settled ones are taken; AWS::NoValue removes the entry.
func TestWorlds(t *testing.T) {
	d, data := readOne(t, "Conditions:\n  A: !Equals [!Ref Free, x]\n  B: !Equals [!Ref Other, y]\n  Settled: !Equals [!Ref Env, prod]\n"+
		template("  Env: {Type: String, Default: prod}\n  Free: {Type: String}\n  Other: {Type: String}\n", `        - Id: Hello
          Name: Hello
          Fields:
            - !If [A, {Key: runsOn, RefValue: W}, {Key: workerGroup, StringValue: wg}]
            - !If [B, {Key: command, StringValue: echo}, !Ref AWS::NoValue]
            - !If [Settled, {Key: myProd, StringValue: "yes"}, {Key: myProd, StringValue: "no"}]
            - Key: mySize
              StringValue: !If [A, big, small]
        - !If [B, {Id: Extra, Name: Extra, Fields: []}, !Ref AWS::NoValue]
`))
	worlds := d.Embedded.Worlds
	if len(worlds) != 4 || worlds[0].Def != d {
		t.Fatalf("%d worlds (first is the definition: %v); want 4", len(worlds), len(worlds) > 0 && worlds[0].Def == d)
	}
	if d.Embedded.Incomplete || len(d.Embedded.Problems) != 0 {
		t.Errorf("an !If on a condition is checked, not deploy-time: incomplete %v, problems %v", d.Embedded.Incomplete, d.Embedded.Problems)
	}
	for _, w := range worlds {
		var keys []string
		var hello *struct{}
		objects := map[string]bool{}
		for _, o := range w.Def.Objects {
			objects[o.ID] = true
			if o.ID != "Hello" {
				continue
			}
			hello = &struct{}{}
			for _, f := range o.Fields {
				keys = append(keys, f.Key+"="+f.Values[0].Text)
			}
		}
		if hello == nil {
			t.Fatalf("world %v has no Hello", w.Choice)
		}
		want := []string{"workerGroup=wg"}
		if w.Choice["A"] {
			want = []string{"runsOn=W"}
		}
		if w.Choice["B"] {
			want = append(want, "command=echo")
		}
		want = append(want, "myProd=yes")
		if w.Choice["A"] {
			want = append(want, "mySize=big")
		} else {
			want = append(want, "mySize=small")
		}
		if strings.Join(keys, " ") != strings.Join(want, " ") {
			t.Errorf("world %v: Hello has %v, want %v", w.Choice, keys, want)
		}
		if objects["Extra"] != w.Choice["B"] {
			t.Errorf("world %v: Extra present %v", w.Choice, objects["Extra"])
		}
		// The branch a world does not take is outside it.
		elseRunsOn := strings.Index(string(data), "{Key: workerGroup")
		if w.Has(elseRunsOn) == w.Choice["A"] {
			t.Errorf("world %v: the else branch of A is part of it: %v", w.Choice, w.Has(elseRunsOn))
		}
	}
	// The settled branch is noted for messages.
	found := false
	for _, r := range d.Embedded.Resolved {
		found = found || r.Note == "condition Settled is true with parameter Env's Default 'prod'"
	}
	if !found {
		t.Errorf("no note for the settled condition: %v", d.Embedded.Resolved)
	}
}
