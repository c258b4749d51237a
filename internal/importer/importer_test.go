package importer

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samenspel/samenspel/data"
	"github.com/samenspel/samenspel/internal/samenspel"
)

func TestLoadDefaultDataset(t *testing.T) {
	ds, m, err := LoadManifest(data.CBS, "cbs/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	if m.Attribution == "" {
		t.Error("manifest has no attribution")
	}
	kinds := map[samenspel.OrganisationKind]int{}
	active2025 := 0
	for _, o := range ds.Organisations {
		kinds[o.Kind]++
		if o.Kind == samenspel.KindGemeente && o.ActiveAt(samenspel.NewDate(2025, 1, 1)) {
			active2025++
		}
	}
	if active2025 != 342 {
		t.Errorf("gemeenten active on 2025-01-01 = %d, want 342", active2025)
	}
	if kinds[samenspel.KindProvincie] != 12 || kinds[samenspel.KindWaterschap] != 32 {
		t.Errorf("provincies, waterschappen = %d, %d; want 12, 32", kinds[samenspel.KindProvincie], kinds[samenspel.KindWaterschap])
	}
	divs := map[string]samenspel.Division{}
	for _, d := range ds.Divisions {
		divs[d.Key] = d
	}
	// 23 divisions in 2025 plus the 2016-only wgr, rpa and three NUTS levels.
	if len(divs) != 28 {
		t.Errorf("divisions = %d, want 28", len(divs))
	}
	if got := divs["provincie"].Vintages; len(got) != 3 || got[0].String() != "2016-01-01" || got[2].String() != "2025-01-01" {
		t.Errorf("provincie vintages = %v, want 2016, 2023, 2025", got)
	}
	if got := divs["politie_eenheid"].Vintages; len(got) != 2 {
		t.Errorf("politie_eenheid vintages = %v; the 2016 alias should map politie_regionale_eenheid onto it", got)
	}
	// Memberships: 342 × 23 (2025) + 342 × 3 (2023) + 390 × 22 − 3 blank NUTS3 cells (2016).
	if want := 342*23 + 342*3 + 390*22 - 3; len(ds.Memberships) != want {
		t.Errorf("memberships = %d, want %d", len(ds.Memberships), want)
	}
	var haaren *samenspel.Organisation
	for i := range ds.Organisations {
		if ds.Organisations[i].ID == "GM0788" {
			haaren = &ds.Organisations[i]
		}
	}
	if haaren == nil || haaren.ValidUntil == nil || haaren.ValidUntil.String() != "2021-01-01" {
		t.Errorf("Haaren (GM0788) should end on 2021-01-01, got %+v", haaren)
	}
}

func TestLoadManifestErrors(t *testing.T) {
	divisions := "division_key,division_name,region_code,region_name\nveiligheidsregio,Veiligheidsregio's,VR01,Groningen\n"
	tests := []struct {
		name    string
		files   map[string]string
		wantPos string
		wantMsg string
	}{
		{
			name: "unknown region",
			files: map[string]string{
				"d.csv": divisions,
				"m.csv": "municipality_code,municipality_name,veiligheidsregio\nGM0014,Groningen,VR01\nGM0034,Almere,VR99\n",
			},
			wantPos: "m.csv:3:3", wantMsg: `region "VR99"`,
		},
		{
			name: "bad gemeente code",
			files: map[string]string{
				"d.csv": divisions,
				"m.csv": "municipality_code,municipality_name,veiligheidsregio\nGM14,Groningen,VR01\n",
			},
			wantPos: "m.csv:2:1", wantMsg: "GM0000",
		},
		{
			name: "duplicate gemeente",
			files: map[string]string{
				"d.csv": divisions,
				"m.csv": "municipality_code,municipality_name,veiligheidsregio\nGM0014,Groningen,VR01\nGM0014,Groningen,VR01\n",
			},
			wantPos: "m.csv:3:1", wantMsg: "first on line 2",
		},
		{
			name: "undeclared division column",
			files: map[string]string{
				"d.csv": divisions,
				"m.csv": "municipality_code,municipality_name,ggd_regio\nGM0014,Groningen,GG0111\n",
			},
			wantPos: "m.csv:1:3", wantMsg: `division "ggd_regio"`,
		},
		{
			name: "short row",
			files: map[string]string{
				"d.csv": divisions,
				"m.csv": "municipality_code,municipality_name,veiligheidsregio\nGM0014,Groningen\n",
			},
			wantPos: "m.csv:2:", wantMsg: "wrong number of fields",
		},
		{
			name: "missing column",
			files: map[string]string{
				"d.csv": "division_key,division_name,region_code\nx,X,1\n",
				"m.csv": "municipality_code,municipality_name\n",
			},
			wantPos: "d.csv:1", wantMsg: "region_name",
		},
	}
	manifest := `{"files":[{"path":"d.csv","format":"divisions"},{"path":"m.csv","format":"memberships","vintage":"2025-01-01"}]}`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"manifest.json": {Data: []byte(manifest)}}
			for name, content := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(content)}
			}
			_, _, err := LoadManifest(fsys, "manifest.json")
			var ie *samenspel.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an InputError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.wantPos) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %q, want it to start with %q and mention %q", err, tt.wantPos, tt.wantMsg)
			}
		})
	}
}

func TestGemeenteChangesValidity(t *testing.T) {
	fsys := fstest.MapFS{
		"manifest.json": {Data: []byte(`{"files":[{"path":"c.csv","format":"gemeente-changes"}]}`)},
		"c.csv": {Data: []byte("date,event_type,old_code,old_name,new_code,new_name\n" +
			"2019-01-01,Samenvoeging,GM0005,Bedum,GM1966,Het Hogeland\n" +
			"2019-01-01,Uitbreiding,GM0009,Ten Boer,GM0014,Groningen\n")},
	}
	ds, _, err := LoadManifest(fsys, "manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]samenspel.Organisation{}
	for _, o := range ds.Organisations {
		got[o.ID] = o
	}
	if o := got["GM1966"]; o.ValidFrom == nil || o.ValidFrom.String() != "2019-01-01" || o.ValidUntil != nil {
		t.Errorf("Het Hogeland = %+v, want valid from 2019-01-01", o)
	}
	if o := got["GM0014"]; o.ValidFrom != nil || o.ValidUntil != nil {
		t.Errorf("Groningen absorbed Ten Boer and should keep open validity, got %+v", o)
	}
	if o := got["GM0009"]; o.ValidUntil == nil || o.ValidUntil.String() != "2019-01-01" {
		t.Errorf("Ten Boer = %+v, want valid until 2019-01-01", o)
	}
	if len(ds.Mergers) != 2 || ds.Mergers[1].Type != "Uitbreiding" {
		t.Errorf("mergers = %+v", ds.Mergers)
	}
}
