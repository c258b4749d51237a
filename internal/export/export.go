// Package export writes an service.Graph as GraphML (opens in Gephi with labels and weights), as
// CSV (nodes.csv and edges.csv, Gephi's spreadsheet import format) and as JSON.
package export

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/samenspel/samenspel/internal/service"
)

// Formats lists the export formats.
var Formats = []string{"graphml", "json", "nodes.csv", "edges.csv"}

// Write writes g in format to w.
func Write(w io.Writer, g service.Graph, format string) error {
	switch format {
	case "graphml":
		return GraphML(w, g)
	case "json":
		return JSON(w, g)
	case "nodes.csv":
		return NodesCSV(w, g)
	case "edges.csv":
		return EdgesCSV(w, g)
	}
	return fmt.Errorf("unknown format %q", format)
}

// ContentType returns the MIME type of a format.
func ContentType(format string) string {
	switch format {
	case "graphml":
		return "application/graphml+xml"
	case "json":
		return "application/json"
	}
	return "text/csv; charset=utf-8"
}

type gmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type gmlNode struct {
	ID   string    `xml:"id,attr"`
	Data []gmlData `xml:"data"`
}

type gmlEdge struct {
	ID     string    `xml:"id,attr"`
	Source string    `xml:"source,attr"`
	Target string    `xml:"target,attr"`
	Data   []gmlData `xml:"data"`
}

type gmlGraph struct {
	ID          string    `xml:"id,attr"`
	EdgeDefault string    `xml:"edgedefault,attr"`
	Nodes       []gmlNode `xml:"node"`
	Edges       []gmlEdge `xml:"edge"`
}

type gmlDoc struct {
	XMLName xml.Name `xml:"graphml"`
	XMLNS   string   `xml:"xmlns,attr"`
	Keys    []gmlKey `xml:"key"`
	Graph   gmlGraph `xml:"graph"`
}

func format(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	default:
		return fmt.Sprint(x)
	}
}

// GraphML writes g as GraphML: every node has a `label` (Gephi's label column) and every edge a
// `weight`, plus the graph's own attributes.
func GraphML(w io.Writer, g service.Graph) error {
	doc := gmlDoc{XMLNS: "http://graphml.graphdrawing.org/xmlns"}
	doc.Keys = append(doc.Keys, gmlKey{"label", "node", "label", "string"}, gmlKey{"weight", "edge", "weight", "double"})
	for _, a := range g.NodeAttrs {
		doc.Keys = append(doc.Keys, gmlKey{"n_" + a.Name, "node", a.Name, a.Type})
	}
	for _, a := range g.EdgeAttrs {
		doc.Keys = append(doc.Keys, gmlKey{"e_" + a.Name, "edge", a.Name, a.Type})
	}
	doc.Graph = gmlGraph{ID: g.Name, EdgeDefault: "undirected"}
	if g.Directed {
		doc.Graph.EdgeDefault = "directed"
	}
	for _, n := range g.Nodes {
		gn := gmlNode{ID: n.ID, Data: []gmlData{{"label", n.Label}}}
		for i, a := range g.NodeAttrs {
			gn.Data = append(gn.Data, gmlData{"n_" + a.Name, format(n.Values[i])})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range g.Edges {
		ge := gmlEdge{ID: fmt.Sprintf("e%d", i), Source: e.Source, Target: e.Target, Data: []gmlData{{"weight", format(e.Weight)}}}
		for j, a := range g.EdgeAttrs {
			ge.Data = append(ge.Data, gmlData{"e_" + a.Name, format(e.Values[j])})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// NodesCSV writes the nodes as Gephi's node table: Id, Label, then the attributes.
func NodesCSV(w io.Writer, g service.Graph) error {
	cw := csv.NewWriter(w)
	header := []string{"Id", "Label"}
	for _, a := range g.NodeAttrs {
		header = append(header, a.Name)
	}
	cw.Write(header)
	for _, n := range g.Nodes {
		row := []string{n.ID, n.Label}
		for _, v := range n.Values {
			row = append(row, format(v))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// EdgesCSV writes the edges as Gephi's edge table: Source, Target, Type, Weight, attributes.
func EdgesCSV(w io.Writer, g service.Graph) error {
	cw := csv.NewWriter(w)
	header := []string{"Source", "Target", "Type", "Weight"}
	for _, a := range g.EdgeAttrs {
		header = append(header, a.Name)
	}
	cw.Write(header)
	typ := "Undirected"
	if g.Directed {
		typ = "Directed"
	}
	for _, e := range g.Edges {
		row := []string{e.Source, e.Target, typ, format(e.Weight)}
		for _, v := range e.Values {
			row = append(row, format(v))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// JSON writes {"name", "directed", "nodes": [{id, label, ...attrs}], "edges": [{source, target, weight, ...attrs}]}.
func JSON(w io.Writer, g service.Graph) error {
	type obj = map[string]any
	out := obj{"name": g.Name, "directed": g.Directed, "nodes": []obj{}, "edges": []obj{}}
	for _, n := range g.Nodes {
		o := obj{"id": n.ID, "label": n.Label}
		for i, a := range g.NodeAttrs {
			o[a.Name] = n.Values[i]
		}
		out["nodes"] = append(out["nodes"].([]obj), o)
	}
	for _, e := range g.Edges {
		o := obj{"source": e.Source, "target": e.Target, "weight": e.Weight}
		for i, a := range g.EdgeAttrs {
			o[a.Name] = e.Values[i]
		}
		out["edges"] = append(out["edges"].([]obj), o)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
