package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/samenspel/samenspel/internal/service"
)

func sample() service.Graph {
	return service.Graph{Name: "test", NodeAttrs: []service.Attr{{Name: "kind", Type: "string"}, {Name: "broker", Type: "boolean"}},
		EdgeAttrs: []service.Attr{{Name: "sharedOpgaven", Type: "int"}},
		Nodes:     []service.Node{{ID: "GM0363", Label: "Amsterdam", Values: []any{"GEMEENTE", true}}, {ID: "PV27", Label: "Provincie Noord-Holland, \"NH\"", Values: []any{"PROVINCIE", false}}},
		Edges:     []service.Edge{{Source: "GM0363", Target: "PV27", Weight: 2.5, Values: []any{2}}}}
}

func TestGraphMLIsValidXMLWithLabelsAndWeights(t *testing.T) {
	var b bytes.Buffer
	if err := GraphML(&b, sample()); err != nil {
		t.Fatal(err)
	}
	var doc gmlDoc
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not valid XML: %v\n%s", err, b.String())
	}
	if len(doc.Graph.Nodes) != 2 || doc.Graph.Nodes[1].Data[0].Value != `Provincie Noord-Holland, "NH"` || doc.Graph.Edges[0].Data[0] != (gmlData{"weight", "2.5"}) {
		t.Errorf("parsed back: %+v", doc.Graph)
	}
	if doc.Graph.EdgeDefault != "undirected" || !strings.Contains(b.String(), `attr.name="weight" attr.type="double"`) {
		t.Errorf("missing declarations:\n%s", b.String())
	}
}

func TestCSVAndJSON(t *testing.T) {
	var n, e, j bytes.Buffer
	g := sample()
	if err := NodesCSV(&n, g); err != nil {
		t.Fatal(err)
	}
	if err := EdgesCSV(&e, g); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&j, g); err != nil {
		t.Fatal(err)
	}
	wantNodes := "Id,Label,kind,broker\nGM0363,Amsterdam,GEMEENTE,true\nPV27,\"Provincie Noord-Holland, \"\"NH\"\"\",PROVINCIE,false\n"
	if n.String() != wantNodes {
		t.Errorf("nodes.csv =\n%s\nwant\n%s", n.String(), wantNodes)
	}
	if e.String() != "Source,Target,Type,Weight,sharedOpgaven\nGM0363,PV27,Undirected,2.5,2\n" {
		t.Errorf("edges.csv =\n%s", e.String())
	}
	var parsed struct {
		Nodes []map[string]any `json:"nodes"`
		Edges []map[string]any `json:"edges"`
	}
	if err := json.Unmarshal(j.Bytes(), &parsed); err != nil || len(parsed.Nodes) != 2 || parsed.Edges[0]["weight"] != 2.5 || parsed.Nodes[0]["broker"] != true {
		t.Errorf("json = %s (%v)", j.String(), err)
	}
}
