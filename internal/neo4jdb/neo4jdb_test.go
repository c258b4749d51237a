package neo4jdb_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/samenspel/samenspel/data"
	"github.com/samenspel/samenspel/internal/importer"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/testneo4j"
)

func defaultDataset(t *testing.T) samenspel.Dataset {
	t.Helper()
	ds, _, err := importer.LoadManifest(data.CBS, data.CBSRoot+"/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func fingerprint(t *testing.T, db *neo4jdb.DB) string {
	t.Helper()
	fp, err := db.Fingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

func TestImportIsIdempotent(t *testing.T) {
	ctx := context.Background()
	db := testneo4j.Empty(t)
	ds := defaultDataset(t)

	first, err := db.Import(ctx, ds, nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.NodesCreated != 649+28+740 {
		t.Errorf("first import created %d nodes, want %d (organisations + divisions + regions)", first.NodesCreated, 649+28+740)
	}
	before := fingerprint(t, db)
	second, err := db.Import(ctx, ds, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.Changed() {
		t.Errorf("second import changed the database: %+v", second)
	}
	if after := fingerprint(t, db); after != before {
		t.Error("second import changed the fingerprint of the database")
	}
}

func TestImportRollsBackWhenInterrupted(t *testing.T) {
	db := testneo4j.WithDefaultData(t)
	before := fingerprint(t, db)

	ds := defaultDataset(t)
	ds.Organisations = append(ds.Organisations, samenspel.Organisation{ID: "GM9999", Code: "GM9999", Name: "Nergenshuizen", Kind: samenspel.KindGemeente})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := 0
	_, err := db.Import(ctx, ds, func(done, total int) {
		batches++
		if done > 2000 { // after some rows were written in the transaction
			cancel()
		}
	})
	if err == nil {
		t.Fatal("import with a cancelled context succeeded")
	}
	if batches < 2 {
		t.Fatalf("the import was cancelled before it wrote anything (%d batches); the test proves nothing", batches)
	}
	if after := fingerprint(t, db); after != before {
		t.Error("an interrupted import left part of its data behind")
	}
}

func TestImportUnknownRegionNamesThePlace(t *testing.T) {
	db := testneo4j.WithDefaultData(t)
	before := fingerprint(t, db)
	ds := samenspel.Dataset{
		Organisations: []samenspel.Organisation{{ID: "GM0363", Code: "GM0363", Name: "Amsterdam", Kind: samenspel.KindGemeente}},
		Memberships: []samenspel.MembershipRow{{OrganisationID: "GM0363", Division: "veiligheidsregio", RegionCode: "VR99",
			Vintage: samenspel.NewDate(2026, 1, 1), Pos: samenspel.Pos{File: "vr_2026.csv", Line: 7, Column: 3}}},
	}
	_, err := db.Import(context.Background(), ds, nil)
	var ie *samenspel.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an InputError", err)
	}
	if !strings.HasPrefix(err.Error(), "vr_2026.csv:7:3: ") || !strings.Contains(err.Error(), "veiligheidsregio/VR99") {
		t.Errorf("err = %q, want it to name vr_2026.csv:7:3 and the region", err)
	}
	if after := fingerprint(t, db); after != before {
		t.Error("a rejected import changed the database")
	}
}

func TestMembershipPeriodsFollowVintages(t *testing.T) {
	db := testneo4j.WithDefaultData(t)
	got, err := db.Memberships(context.Background(), []string{"GM0363"}, nil, "provincie")
	if err != nil {
		t.Fatal(err)
	}
	var periods []string
	for _, m := range got["GM0363"] {
		until := "open"
		if m.Until != nil {
			until = m.Until.String()
		}
		periods = append(periods, m.Region.Code+" "+m.From.String()+".."+until)
	}
	want := []string{"PV27 2016-01-01..2023-01-01", "PV27 2023-01-01..2025-01-01", "PV27 2025-01-01..open"}
	if diff := cmp.Diff(want, periods); diff != "" {
		t.Errorf("Amsterdam's provincie memberships mismatch (-want +got):\n%s", diff)
	}
}

func TestCorrectedTableReplacesItsEarlierImport(t *testing.T) {
	ctx := context.Background()
	db := testneo4j.WithDefaultData(t)
	// A corrected 2025 veiligheidsregio table that puts Amsterdam in VR14 instead of VR13.
	v2025 := samenspel.NewDate(2025, 1, 1)
	ds := samenspel.Dataset{
		Divisions:   []samenspel.Division{{Key: "veiligheidsregio", Name: "Veiligheidsregio's", Vintages: []samenspel.Date{v2025}}},
		Memberships: []samenspel.MembershipRow{{OrganisationID: "GM0363", Division: "veiligheidsregio", RegionCode: "VR14", Vintage: v2025}},
		Replace:     []samenspel.DivisionVintage{{Division: "veiligheidsregio", Vintage: v2025}},
	}
	sum, err := db.Import(ctx, ds, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.RelationshipsGone != 342 || sum.RelationshipsAdded != 1 {
		t.Errorf("removed %d, added %d memberships; want 342 removed (the whole 2025 table) and 1 added", sum.RelationshipsGone, sum.RelationshipsAdded)
	}
	at := samenspel.NewDate(2025, 6, 1)
	got, err := db.Memberships(ctx, []string{"GM0363"}, &at, "veiligheidsregio")
	if err != nil {
		t.Fatal(err)
	}
	if len(got["GM0363"]) != 1 || got["GM0363"][0].Region.Code != "VR14" {
		t.Errorf("Amsterdam's veiligheidsregio on %s = %+v, want VR14", at, got["GM0363"])
	}
}

func TestOrganisationsKeysetPagination(t *testing.T) {
	ctx := context.Background()
	db := testneo4j.WithDefaultData(t)
	at := samenspel.NewDate(2025, 1, 1)
	filter := samenspel.OrganisationFilter{Kinds: []samenspel.OrganisationKind{samenspel.KindGemeente}, ActiveAt: &at}
	order := samenspel.OrganisationOrder{Field: samenspel.OrderByName}

	var names []string
	after := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		conn, err := db.Organisations(ctx, filter, order, samenspel.Page{First: 100, After: after, Count: true})
		if err != nil {
			t.Fatal(err)
		}
		if conn.Total != 342 {
			t.Fatalf("total = %d, want 342 gemeenten on 2025-01-01", conn.Total)
		}
		for _, o := range conn.Items {
			names = append(names, o.Name)
		}
		if !conn.HasNext {
			break
		}
		after = conn.Cursors[len(conn.Cursors)-1]
	}
	if len(names) != 342 {
		t.Fatalf("paged through %d gemeenten, want 342", len(names))
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] > names[i] {
			t.Fatalf("names out of order at %d: %q > %q", i, names[i-1], names[i])
		}
	}
	if names[0] != "'s-Gravenhage" || names[len(names)-1] != "Zwolle" {
		t.Errorf("first, last = %q, %q", names[0], names[len(names)-1])
	}

	// A page stays correct when rows are added before its cursor.
	page1, err := db.Organisations(ctx, filter, order, samenspel.Page{First: 10})
	if err != nil {
		t.Fatal(err)
	}
	page2, err := db.Organisations(ctx, filter, order, samenspel.Page{First: 10, After: page1.Cursors[9]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, samenspel.Dataset{Organisations: []samenspel.Organisation{{ID: "GM9998", Code: "GM9998", Name: "AAA Nieuwgemeente", Kind: samenspel.KindGemeente}}}, nil); err != nil {
		t.Fatal(err)
	}
	again, err := db.Organisations(ctx, filter, order, samenspel.Page{First: 10, After: page1.Cursors[9], Count: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(page2.Items, again.Items); diff != "" {
		t.Errorf("page after the cursor changed when a row was added before it (-before +after):\n%s", diff)
	}
	if again.Total != 343 {
		t.Errorf("total after adding a gemeente = %d, want 343", again.Total)
	}
}

func TestOverlapsAndCongruenceOnRealData(t *testing.T) {
	ctx := context.Background()
	db := testneo4j.WithDefaultData(t)
	at := samenspel.NewDate(2025, 6, 1)

	ov, err := db.Overlaps(ctx, []string{"veiligheidsregio/VR13"}, at, "res_regio")
	if err != nil {
		t.Fatal(err)
	}
	// Amsterdam-Amstelland (6 gemeenten) lies inside RES Noord-Holland Zuid (27 gemeenten).
	got := ov["veiligheidsregio/VR13"]
	if len(got) != 1 || got[0].Region.Code != "ES16" || got[0].Shared != 6 || got[0].ShareOfThis != 1 {
		t.Fatalf("VR13 overlaps with res_regio = %+v, want only ES16 sharing all 6", got)
	}

	cells, err := db.CongruenceCells(ctx, "veiligheidsregio", "politie_eenheid", at)
	if err != nil {
		t.Fatal(err)
	}
	if c := samenspel.ComputeCongruence(cells); c.AInB != 1 || c.Gemeenten != 342 {
		t.Errorf("veiligheidsregio in politie_eenheid: aInB = %v over %d gemeenten, want 1 over 342 (they nest)", c.AInB, c.Gemeenten)
	}
	cells, err = db.CongruenceCells(ctx, "res_regio", "provincie", at)
	if err != nil {
		t.Fatal(err)
	}
	if c := samenspel.ComputeCongruence(cells); c.Score >= 1 || len(c.SplitA) == 0 {
		t.Errorf("res_regio vs provincie: score %v, split %v; RES-regio's cross provincial borders", c.Score, c.SplitA)
	}
}

func TestHistoryAtADate(t *testing.T) {
	ctx := context.Background()
	db := testneo4j.WithDefaultData(t)
	// Haaren (GM0788) was split up on 2021-01-01.
	for _, tt := range []struct {
		at   samenspel.Date
		want int
	}{
		{samenspel.NewDate(2020, 6, 1), 22}, // every division of the 2016 table
		{samenspel.NewDate(2021, 6, 1), 0},
	} {
		got, err := db.Memberships(ctx, []string{"GM0788"}, &tt.at, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(got["GM0788"]) != tt.want {
			t.Errorf("Haaren on %s: %d memberships, want %d", tt.at, len(got["GM0788"]), tt.want)
		}
	}
	m, err := db.Mergers(ctx, []string{"GM0788"})
	if err != nil {
		t.Fatal(err)
	}
	var into []string
	for _, x := range m["GM0788"].Into {
		into = append(into, x.IntoID+" "+x.Date.String())
	}
	if len(into) != 4 {
		t.Errorf("Haaren merged into %v, want Boxtel, Oisterwijk, Tilburg and Vught on 2021-01-01", into)
	}
}

// TestAuditEventRollsBackWithItsChange: the audit event is written in the change's own
// transaction, so a transaction that fails after writing it leaves neither.
func TestAuditEventRollsBackWithItsChange(t *testing.T) {
	db := testneo4j.WithDefaultData(t)
	ctx := samenspel.WithAction(samenspel.WithCaller(context.Background(), samenspel.System("test")), "probe")
	if err := db.FailAfterAudit(ctx, "probe-1"); err == nil {
		t.Fatal("the failing statement did not fail the transaction")
	}
	if n, err := db.AuditProbes(ctx, "probe-1"); err != nil || n != 0 {
		t.Errorf("the rolled-back change is stored: %d nodes (%v)", n, err)
	}
	events, err := db.AuditEvents(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		for _, s := range e.Subjects {
			if s == "probe-1" {
				t.Errorf("an audit event of the rolled-back change: %+v", e)
			}
		}
	}
}
