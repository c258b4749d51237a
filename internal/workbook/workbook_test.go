package workbook

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/samenspel/samenspel/internal/samenspel"
)

func TestTemplateHasEverySheetWithHeadersHelpAndLists(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, NewBook("")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, spec := range Specs {
		header, err := f.GetRows(spec.Name)
		if err != nil || len(header) != 1 || len(header[0]) != len(spec.Columns) {
			t.Fatalf("%s: header rows %v (%v)", spec.Name, header, err)
		}
		for i, c := range spec.Columns {
			if header[0][i] != c.Header {
				t.Errorf("%s column %s: header %q, want %q", spec.Name, columnLetter(i), header[0][i], c.Header)
			}
		}
		comments, err := f.GetComments(spec.Name)
		if err != nil || len(comments) != len(spec.Columns) {
			t.Errorf("%s: %d explanations on the headers, want %d (%v)", spec.Name, len(comments), len(spec.Columns), err)
		}
		dvs, err := f.GetDataValidations(spec.Name)
		if err != nil {
			t.Fatal(err)
		}
		lists := 0
		for _, c := range spec.Columns {
			if c.Kind == Enum || c.Kind == Theme || c.Kind == Score {
				lists++
			}
		}
		if len(dvs) != lists {
			t.Errorf("%s: %d drop-down lists, want %d", spec.Name, len(dvs), lists)
		}
	}
	// The role types' list holds every role type.
	dvs, _ := f.GetDataValidations(SheetRollen)
	var typeList string
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "E2:") {
			typeList = dv.Formula1
		}
	}
	if !strings.Contains(typeList, "Lijsten!") {
		t.Fatalf("the Type column's list is %q, want a range on the Lijsten sheet", typeList)
	}
	values, _ := f.GetCols("Lijsten")
	if got := strings.Trim(strings.Join(values[3][1:], ","), ","); got != "TREKKER,MEDETREKKER,DEELNEMER,FINANCIER,UITVOERDER,ADVISEUR,OPDRACHTGEVER" {
		t.Errorf("role types listed: %s", got)
	}
	help, _ := f.GetRows("Toelichting")
	if len(help) < 40 {
		t.Errorf("the Toelichting sheet has %d rows; want one per sheet and column", len(help))
	}
	// Read back, the template is every sheet without a row.
	b := Empty()
	if err := Read(b, "leeg.xlsx", bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if len(b.Sheets) != len(Specs) || b.Rows() != 0 {
		t.Errorf("template read back: %d sheets, %d rows", len(b.Sheets), b.Rows())
	}
}

func TestReadNormalisesCells(t *testing.T) {
	csv := "Beheerder;Sleutel;Titel;Doel;Thema 1;Thema 2;Schaal;Status;Start;Einde;Gebied\n" +
		"GM0363; OPG-1 ;Woondeal;5.000 woningen;Wonen;mobiliteit;regionaal;;15-1-2024;45658;\"GM0344; corop/CR17 ;gm0363\"\n"
	b := Empty()
	if err := Read(b, "opgaven.csv", strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	r := b.Sheet(SheetOpgaven).Rows[0]
	want := map[string]string{"beheerder": "GM0363", "sleutel": "OPG-1", "thema1": "wonen", "thema2": "mobiliteit", "schaal": "REGIONAAL",
		"status": "", "start": "2024-01-15", "einde": "2025-01-01", "gebied": "GM0344; GM0363; corop/CR17"}
	for k, v := range want {
		if r.Values[k] != v {
			t.Errorf("%s = %q, want %q", k, r.Values[k], v)
		}
	}
	if r.Has("thema3") || r.Has("omschrijving") {
		t.Error("columns the file lacks must be absent from the row, so that an import leaves them alone")
	}
	roles := "beheerder,sleutel,opgave,organisatie,type,niveau,van,persoon,Bijdrage euro,Bijdrage fte\n" +
		"GM0363,R1,OPG-1,GM0363,trekker,ambtelijk,2024-01-01,PV27/P9,\"1.250.000,50\",\"0,5\"\n"
	if err := Read(b, "rollen.csv", strings.NewReader(roles)); err != nil {
		t.Fatal(err)
	}
	r = b.Sheet(SheetRollen).Rows[0]
	for k, v := range map[string]string{"opgave": "GM0363/OPG-1", "persoon": "PV27/P9", "type": "TREKKER", "euro": "1250000.5", "fte": "0.5"} {
		if r.Values[k] != v {
			t.Errorf("role %s = %q, want %q", k, r.Values[k], v)
		}
	}
	if Shorten(r.Values["opgave"], "GM0363") != "OPG-1" || Shorten(r.Values["persoon"], "GM0363") != "PV27/P9" {
		t.Error("a reference to a row of the same beheerder is written as its sleutel, others in full")
	}
}

func TestReadNamesEveryBadCell(t *testing.T) {
	csv := "Beheerder,Sleutel,Titel,Doel,Thema 1,Thema 2,Schaal,Start,Einde,Gebied\n" +
		"GM0363,A,Goed,Doel,wonen,,LOKAAL,2024-01-01,2025-01-01,GM0363\n" +
		"GM0363,B,Slecht,Doel,wonnen,,LOKAAL,2024-01-01,2023-01-01,GM0363\n" +
		"GM0363,A,Dubbel,Doel,wonen,wonen,LOKAAL,,,GM0363\n" +
		"GM0363,C/D,,Doel,wonen,,ergens,1 januari,,Utrecht\n"
	err := Read(Empty(), "register.csv", strings.NewReader(csv))
	if err == nil || !strings.Contains(err.Error(), "a CSV file is named after its sheet") {
		t.Fatalf("a CSV file not named after a sheet: %v", err)
	}
	err = Read(Empty(), "opgaven.csv", strings.NewReader(csv))
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *CellError
		if !errors.As(e, &ce) {
			t.Fatalf("%v is not a CellError", e)
		}
		got = append(got, ce.Error())
	}
	want := []string{
		`opgaven.csv:Opgaven:3:E (Thema 1): unknown theme "wonnen"`,
		`opgaven.csv:Opgaven:4:F (Thema 2): theme "wonen" is already in Thema 1`,
		`opgaven.csv:Opgaven:4:B (Sleutel): the same beheerder and sleutel as row 2`,
		`opgaven.csv:Opgaven:5:B (Sleutel): "C/D": a key may not contain '/'`,
		`opgaven.csv:Opgaven:5:C (Titel): must not be empty`,
		`opgaven.csv:Opgaven:5:G (Schaal): "ergens" is not one of LOKAAL`,
		`opgaven.csv:Opgaven:5:H (Start): "1 januari" is not a date`,
		`opgaven.csv:Opgaven:5:J (Gebied): "UTRECHT": write a gemeente as its CBS code`,
	}
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("missing %q in\n%s", w, joined)
		}
	}
	// Row 3's end before its start is reported once its theme is right.
	fixed := strings.Replace(csv, "wonnen", "wonen", 1)
	if err := Read(Empty(), "opgaven.csv", strings.NewReader(fixed)); !strings.Contains(err.Error(), "opgaven.csv:Opgaven:3:I (Einde): the end 2023-01-01 is before the start 2024-01-01") {
		t.Errorf("end before start: %v", err)
	}
	if err := Read(Empty(), "rollen.csv", strings.NewReader("Beheerder,Sleutel,Opgave\n")); err == nil ||
		!strings.Contains(err.Error(), `rollen.csv:Rollen:1: the column "Organisatie" is missing`) {
		t.Errorf("missing column: %v", err)
	}
}

func TestReadKeepsColumnsInPlaceAndRefusesAmbiguousCells(t *testing.T) {
	b := Empty()
	csv := "Beheerder,Sleutel,,Naam,Organisatie\nGM0344,P1,een notitie,Jan,GM0344\n"
	if err := Read(b, "personen.csv", strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	if r := b.Sheet(SheetPersonen).Rows[0]; r.Values["naam"] != "Jan" || r.Values["organisatie"] != "GM0344" {
		t.Errorf("a column without a header shifted the others: %v", r.Values)
	}
	bad := "Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van,Bijdrage euro\nGM0344,A;B,X,GM0344,DEELNEMER,AMBTELIJK,2024-01-01,1.500\n"
	err := Read(Empty(), "rollen.csv", strings.NewReader(bad))
	for _, w := range []string{`rollen.csv:Rollen:2:B (Sleutel): "A;B": a key may not contain`, `rollen.csv:Rollen:2:H (Bijdrage euro): "1.500" is ambiguous; write 1500 or 1,5`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in %v", w, err)
		}
	}
	long := "Beheerder,Sleutel,Titel,Doel,Thema 1,Thema 3,Schaal,Gebied\nGM0344,A,T," + strings.Repeat("x", MaxCell+1) + ",wonen,\"energie; Water\",LOKAAL,GM0344\n"
	err = Read(Empty(), "opgaven.csv", strings.NewReader(long))
	if err == nil || !strings.Contains(err.Error(), "opgaven.csv:Opgaven:2:D (Doel): has 32768 characters; a spreadsheet cell holds at most 32767") {
		t.Errorf("a cell longer than a spreadsheet holds: %v", err)
	}
	ok := Empty()
	if err := Read(ok, "opgaven.csv", strings.NewReader(strings.Replace(long, strings.Repeat("x", MaxCell+1), "Doel", 1))); err != nil {
		t.Fatal(err)
	}
	if v := ok.Sheet(SheetOpgaven).Rows[0].Values["thema3"]; v != "energie; water" {
		t.Errorf("Thema 3 holds the further themes in order: %q", v)
	}
}

// readSheet reads one CSV sheet and, when every cell reads, applies its input rules to every row
// as a new row, on today.
func readSheet(t *testing.T, name, csv string, today samenspel.Date) (*Sheet, []string) {
	t.Helper()
	b := Empty()
	var problems []string
	for _, e := range Flatten(Read(b, name, strings.NewReader(csv))) {
		problems = append(problems, e.Error())
	}
	sh := b.Sheet(SpecNamed(strings.TrimSuffix(name, ".csv")).Name)
	if len(problems) > 0 {
		return sh, problems // a file with unreadable cells is not imported
	}
	for _, r := range sh.Rows {
		if err := sh.Validate(r, nil, today); err != nil {
			problems = append(problems, err.Error())
		}
	}
	return sh, problems
}

func TestPracticeSheetsReadAndFillTheMutationsDefaults(t *testing.T) {
	today := samenspel.NewDate(2026, 3, 1)
	sheets := map[string]string{
		"belangen.csv": "Beheerder,Sleutel,Opgave,Organisatie,Wil bereiken,Brengt in,Kan niet opgeven\n" +
			"GM0363,B1,W1,GM0363,  betaalbare woningen  ,grond,\n",
		"belangenconflicten.csv": "Beheerder,Sleutel,Belang A,Belang B,Toelichting,Sinds,Opgelost op\n" +
			"GM0363,C1,B1,GM0344/B2,zelfde grond,,\n",
		"afspraken.csv": "Beheerder,Sleutel,Opgave,Titel,Omschrijving,Orgaan,Beslisser,Uiterlijk,Besloten op,Mandaat\n" +
			"GM0363,A1,W1,Verdeling van de kosten,,college,GM0363,1-7-2026,,\n" +
			"GM0363,A2,W1,Governance,,STUURGROEP,,2026-01-01,2026-02-01,in_place\n",
		"check-ins.csv": "Beheerder;Sleutel;Opgave;Organisatie;Datum;Doen we het goede?;Doen we het goed?;Doen we het goed met elkaar?;Notitie\n" +
			"GM0363;K1;W1;GM0363;;4;3;5;goede sfeer\n" +
			"GM0363;K2;W1;GM0363;2026-02-01;2;2;1;\n",
		"resultaten.csv": "Beheerder,Sleutel,Opgave,Titel,Omschrijving,Gepland,Behaald\n" +
			"GM0363,R1,W1,Convenant ondertekend,,2026-01-15,2026-01-20\n",
		"bijdragen.csv": "Beheerder,Resultaat,Organisatie,Omschrijving\n" +
			"GM0363,R1,GM0344,stelde gronden beschikbaar\n",
		"lessen.csv": "Beheerder,Sleutel,Opgave,Organisatie,Titel,Tekst,Thema's,Datum\n" +
			"GM0363,L1,W1,GM0363,Betrek de raden vroeg,,Wonen; energie,\n",
	}
	want := map[string][]map[string]string{
		SheetBelangen:   {{"opgave": "GM0363/W1", "wil": "betaalbare woningen", "brengt": "grond", "nietopgeven": ""}},
		SheetConflicten: {{"a": "GM0363/B1", "b": "GM0344/B2", "sinds": "2026-03-01", "opgelost": ""}},
		SheetAfspraken: {{"orgaan": "COLLEGE", "beslisser": "GM0363", "uiterlijk": "2026-07-01", "besloten": "", "mandaat": "MISSING"},
			{"orgaan": "STUURGROEP", "beslisser": "", "besloten": "2026-02-01", "mandaat": "IN_PLACE"}},
		SheetCheckIns: {{"datum": "2026-03-01", "goede": "4", "goed": "3", "samen": "5", "notitie": "goede sfeer"},
			{"datum": "2026-02-01", "samen": "1"}},
		SheetResultaten: {{"gepland": "2026-01-15", "behaald": "2026-01-20"}},
		SheetBijdragen:  {{"resultaat": "GM0363/R1", "organisatie": "GM0344", "omschrijving": "stelde gronden beschikbaar"}},
		SheetLessen:     {{"themas": "wonen; energie", "datum": "2026-03-01"}},
	}
	for file, csv := range sheets {
		sh, problems := readSheet(t, file, csv, today)
		if len(problems) > 0 {
			t.Errorf("%s: %v", file, problems)
			continue
		}
		for i, w := range want[sh.Spec.Name] {
			for k, v := range w {
				if got := sh.Rows[i].Values[k]; got != v {
					t.Errorf("%s row %d: %s = %q, want %q", sh.Spec.Name, i+2, k, got, v)
				}
			}
		}
	}
}

func TestPracticeRowsBreakingTheMutationsRulesNameTheirCell(t *testing.T) {
	today := samenspel.NewDate(2026, 3, 1)
	long := strings.Repeat("x", samenspel.MaxNoteLen+1)
	cases := []struct{ file, csv, want string }{
		{"belangen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Wil bereiken,Brengt in\nGM0363,B1,W1,GM0363,woningen," + long + "\n",
			"belangen.csv:Belangen:2:F (Brengt in): must be at most 2000 characters, got 2001"},
		{"belangen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Brengt in\nGM0363,B1,W1,GM0363,grond\n",
			`belangen.csv:Belangen:1: the column "Wil bereiken" is missing`},
		{"belangenconflicten.csv", "Beheerder,Sleutel,Belang A,Belang B\nGM0363,C1,B1,GM0363/B1\n",
			"belangenconflicten.csv:Belangenconflicten:2:D (Belang B): is the same interest as a"},
		{"belangenconflicten.csv", "Beheerder,Sleutel,Belang A,Belang B,Sinds,Opgelost op\nGM0363,C1,B1,B2,2026-02-01,2026-01-31\n",
			"belangenconflicten.csv:Belangenconflicten:2:F (Opgelost op): 2026-01-31 is before the conflict was marked (2026-02-01)"},
		{"belangenconflicten.csv", "Beheerder,Sleutel,Belang A,Belang B,Sinds\nGM0363,C1,B1,B2,2026-03-02\n",
			"belangenconflicten.csv:Belangenconflicten:2:E (Sinds): 2026-03-02 is in the future"},
		{"afspraken.csv", "Beheerder,Sleutel,Opgave,Titel,Orgaan,Beslisser,Uiterlijk\nGM0363,A1,W1,Besluit,STUURGROEP,GM0363,2026-07-01\n",
			"afspraken.csv:Afspraken:2:F (Beslisser): a stuurgroep is a joint body: leave the decider out"},
		{"afspraken.csv", "Beheerder,Sleutel,Opgave,Titel,Orgaan,Uiterlijk\nGM0363,A1,W1,Besluit,RAAD,2026-07-01\n",
			"afspraken.csv:Afspraken:2 (Beslisser): give the organisation whose RAAD decides"},
		{"afspraken.csv", "Beheerder,Sleutel,Opgave,Titel,Orgaan,Beslisser,Uiterlijk,Besloten op\nGM0363,A1,W1,Besluit,RAAD,GM0363,2026-07-01,2026-04-01\n",
			"afspraken.csv:Afspraken:2:H (Besloten op): 2026-04-01 is in the future"},
		{"afspraken.csv", "Beheerder,Sleutel,Opgave,Titel,Orgaan,Beslisser,Uiterlijk,Mandaat\nGM0363,A1,W1,Besluit,RAAD,GM0363,2026-07-01,misschien\n",
			`afspraken.csv:Afspraken:2:H (Mandaat): "misschien" is not one of IN_PLACE, REQUESTED, MISSING`},
		{"check-ins.csv", "Beheerder,Sleutel,Opgave,Organisatie,Doen we het goede?,Doen we het goed?,Doen we het goed met elkaar?\nGM0363,K1,W1,GM0363,4,6,3\n",
			`check-ins.csv:Check-ins:2:F (Doen we het goed?): "6": give a whole number from 1 to 5`},
		{"check-ins.csv", "Beheerder,Sleutel,Opgave,Organisatie,Datum,Doen we het goede?,Doen we het goed?,Doen we het goed met elkaar?,Notitie\nGM0363,K1,W1,GM0363,2026-03-02,4,4,3,\n",
			"check-ins.csv:Check-ins:2:E (Datum): 2026-03-02 is in the future"},
		{"check-ins.csv", "Beheerder,Sleutel,Opgave,Organisatie,Doen we het goede?,Doen we het goed?,Doen we het goed met elkaar?,Notitie\nGM0363,K1,W1,GM0363,4,4,3," + long + "\n",
			"check-ins.csv:Check-ins:2:H (Notitie): must be at most 2000 characters"},
		{"resultaten.csv", "Beheerder,Sleutel,Opgave,Titel,Gepland,Behaald\nGM0363,R1,W1,Loket geopend,2026-01-01,2026-03-05\n",
			"resultaten.csv:Resultaten:2:F (Behaald): 2026-03-05 is in the future"},
		{"resultaten.csv", "Beheerder,Sleutel,Opgave,Titel,Gepland\nGM0363,R1,W1," + strings.Repeat("t", samenspel.MaxTitleLen+1) + ",2026-01-01\n",
			"resultaten.csv:Resultaten:2:D (Titel): must be at most 300 characters, got 301"},
		{"bijdragen.csv", "Beheerder,Resultaat,Organisatie,Omschrijving\nGM0363,R1,GM0344,grond\nGM0363,GM0363/R1,GM0344,geld\n",
			"bijdragen.csv:Bijdragen:3:C (Organisatie): the same result and organisation as row 2"},
		{"bijdragen.csv", "Beheerder,Resultaat,Organisatie,Omschrijving\nGM0363,R1,GM0344," + long + "\n",
			"bijdragen.csv:Bijdragen:2:D (Omschrijving): must be at most 2000 characters"},
		{"lessen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Titel,Thema's\nGM0363,L1,W1,GM0363,Les,wonen; Wonen\n",
			`lessen.csv:Lessen:2:F (Thema's): theme "wonen" is given twice`},
		{"lessen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Titel,Thema's,Datum\nGM0363,L1,W1,GM0363,Les,wonen,2027-01-01\n",
			"lessen.csv:Lessen:2:G (Datum): 2027-01-01 is in the future"},
		{"lessen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Titel,Themas\nGM0363,L1,W1,GM0363,Les,varen\n",
			`lessen.csv:Lessen:2:F (Thema's): unknown theme "varen"`},
	}
	for _, c := range cases {
		_, problems := readSheet(t, c.file, c.csv, today)
		if len(problems) != 1 || !strings.Contains(problems[0], c.want) {
			t.Errorf("%s: got %q, want one problem %q", c.file, problems, c.want)
		}
	}
}

// TestPracticeRowOfAStoredEntry: the rules see the row as it will be stored: a column the sheet
// lacks and an empty date keep their stored values; an empty Mandaat is MISSING.
func TestPracticeRowOfAStoredEntry(t *testing.T) {
	today := samenspel.NewDate(2026, 3, 1)
	b := Empty()
	if err := Read(b, "afspraken.csv", strings.NewReader("Beheerder,Sleutel,Opgave,Titel,Orgaan,Uiterlijk,Mandaat\nGM0363,A1,W1, Nieuwe titel ,RAAD,2026-07-01,\n")); err != nil {
		t.Fatal(err)
	}
	sh := b.Sheet(SheetAfspraken)
	stored := Row{Values: map[string]string{"beheerder": "GM0363", "sleutel": "A1", "opgave": "GM0363/W1", "titel": "Oud", "orgaan": "RAAD",
		"beslisser": "GM0363", "uiterlijk": "2026-07-01", "mandaat": "IN_PLACE"}}
	r := sh.Rows[0]
	if err := sh.Validate(r, &stored, today); err != nil {
		t.Fatalf("a row without Beslisser of a stored agreement that has one: %v", err)
	}
	if r.Has("beslisser") || r.Values["titel"] != "Nieuwe titel" || r.Values["mandaat"] != "MISSING" {
		t.Errorf("after the rules: %v", r.Values)
	}
	if err := sh.Validate(r, nil, today); err == nil || !strings.Contains(err.Error(), "give the organisation whose RAAD decides") {
		t.Errorf("the same row as a new agreement: %v", err)
	}

	if err := Read(b, "check-ins.csv", strings.NewReader("Beheerder,Sleutel,Opgave,Organisatie,Datum,Doen we het goede?,Doen we het goed?,Doen we het goed met elkaar?\nGM0363,K1,W1,GM0363,,4,4,4\n")); err != nil {
		t.Fatal(err)
	}
	ks := b.Sheet(SheetCheckIns)
	k := ks.Rows[0]
	if err := ks.Validate(k, &Row{Values: map[string]string{"datum": "2025-11-20", "notitie": "vertrouwelijk"}}, today); err != nil {
		t.Fatal(err)
	}
	if k.Values["datum"] != "2025-11-20" || k.Has("notitie") {
		t.Errorf("an empty date keeps the stored one, a column the sheet lacks stays out of the row: %v", k.Values)
	}
}

func TestTemplateListsDecisionBodiesAndMandates(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, NewBook("")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cols, _ := f.GetCols("Lijsten")
	lists := map[string]string{}
	for _, c := range cols {
		lists[c[0]] = strings.TrimRight(strings.Join(c[1:], ","), ",")
	}
	if lists["orgaan"] != strings.Join(samenspel.DecisionBodies, ",") || lists["mandaat"] != "IN_PLACE,REQUESTED,MISSING" {
		t.Errorf("lists: orgaan %q, mandaat %q", lists["orgaan"], lists["mandaat"])
	}
	dvs, _ := f.GetDataValidations(SheetAfspraken)
	if len(dvs) != 2 {
		t.Errorf("Afspraken: %d drop-down lists, want Orgaan and Mandaat", len(dvs))
	}
	names := f.GetSheetList()
	if i, j := slices.Index(names, SheetVertrouwen), slices.Index(names, SheetLessen); i < 0 || j < i {
		t.Errorf("the practice sheets come after the register's: %v", names)
	}
}
