// Package importer reads region data files (CBS "Gebieden in Nederland" style tables, TOOI
// registers) into a samenspel.Dataset and checks them. It reports every problem with file, line
// and column and never writes anything itself: the store writes the checked dataset in one
// transaction.
package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Manifest lists the files of one dataset, in the order they are read: where two files name the
// same organisation, division or region, the later file's name wins.
type Manifest struct {
	Name        string `json:"name"`
	Attribution string `json:"attribution"`
	Files       []File `json:"files"`
}

// File is one file of a manifest.
type File struct {
	Path   string `json:"path"`   // relative to the manifest
	Format string `json:"format"` // one of Formats
	// Vintage is the date the table describes; required for memberships.
	Vintage string `json:"vintage,omitempty"`
	// DivisionAliases renames division keys of this file onto the keys used elsewhere
	// (the 2016 table calls politie_eenheid "politie_regionale_eenheid").
	DivisionAliases map[string]string `json:"divisionAliases,omitempty"`
}

// The file formats.
const (
	FormatDivisions       = "divisions"        // division_key, division_name, region_code, region_name
	FormatMemberships     = "memberships"      // municipality_code, municipality_name, <division key>...
	FormatGemeenteChanges = "gemeente-changes" // date, event_type, old_code, old_name, new_code, new_name
	FormatProvincies      = "provincies"       // provincie_code, tooi_code, provinciecode, name, afkorting
	FormatWaterschappen   = "waterschappen"    // tooi_code, waterschapscode, name, ..., begindatum, einddatum, ..., merged_into, merged_on
)

// Formats lists the formats a manifest may use.
var Formats = []string{FormatDivisions, FormatMemberships, FormatGemeenteChanges, FormatProvincies, FormatWaterschappen}

// LoadManifest reads manifestPath from fsys and every file it lists, and returns the checked
// dataset. Errors are *samenspel.InputError (or a list of them joined) naming file, line and
// column.
func LoadManifest(fsys fs.FS, manifestPath string) (samenspel.Dataset, Manifest, error) {
	var m Manifest
	raw, err := fs.ReadFile(fsys, manifestPath)
	if err != nil {
		return samenspel.Dataset{}, m, &samenspel.InputError{Pos: samenspel.Pos{File: manifestPath}, Message: "cannot read manifest: " + errText(err)}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return samenspel.Dataset{}, m, &samenspel.InputError{Pos: samenspel.Pos{File: manifestPath}, Message: "invalid manifest: " + err.Error()}
	}
	b := newBuilder()
	dir := path.Dir(manifestPath)
	for i, f := range m.Files {
		where := samenspel.Pos{File: fmt.Sprintf("%s (files[%d])", manifestPath, i)}
		p := path.Join(dir, f.Path)
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return samenspel.Dataset{}, m, &samenspel.InputError{Pos: where, Message: fmt.Sprintf("cannot read %q: %s", f.Path, errText(err))}
		}
		if err := b.add(p, f, data); err != nil {
			return samenspel.Dataset{}, m, err
		}
	}
	ds, err := b.dataset()
	return ds, m, err
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

var (
	gemeenteCode   = regexp.MustCompile(`^GM\d{4}$`)
	provincieCode  = regexp.MustCompile(`^PV\d{2}$`)
	waterschapCode = regexp.MustCompile(`^ws\d{4}$`)
	regionCode     = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,32}$`)
	divisionKey    = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
)

// builder accumulates the files of one import.
type builder struct {
	orgs      map[string]*samenspel.Organisation
	orgOrder  []string
	divisions map[string]*samenspel.Division
	divOrder  []string
	regions   map[string]*samenspel.Region
	regOrder  []string
	members   []samenspel.MembershipRow
	mergers   []samenspel.Merger
	governs   []samenspel.Governs
	replace   []samenspel.DivisionVintage
}

func newBuilder() *builder {
	return &builder{orgs: map[string]*samenspel.Organisation{}, divisions: map[string]*samenspel.Division{}, regions: map[string]*samenspel.Region{}}
}

func (b *builder) add(name string, f File, data []byte) error {
	t, err := readTable(name, data)
	if err != nil {
		return err
	}
	switch f.Format {
	case FormatDivisions:
		return b.addDivisions(t, f)
	case FormatMemberships:
		return b.addMemberships(t, f)
	case FormatGemeenteChanges:
		return b.addGemeenteChanges(t)
	case FormatProvincies:
		return b.addProvincies(t)
	case FormatWaterschappen:
		return b.addWaterschappen(t)
	default:
		return &samenspel.InputError{Pos: samenspel.Pos{File: name}, Message: fmt.Sprintf("unknown format %q; use one of %s", f.Format, strings.Join(Formats, ", "))}
	}
}

// org returns the organisation with id, creating it; a non-empty name replaces the stored one.
func (b *builder) org(id, code, name string, kind samenspel.OrganisationKind) *samenspel.Organisation {
	o, ok := b.orgs[id]
	if !ok {
		o = &samenspel.Organisation{ID: id, Code: code, Kind: kind}
		b.orgs[id] = o
		b.orgOrder = append(b.orgOrder, id)
	}
	if name != "" {
		o.Name = name
	}
	return o
}

func (b *builder) addDivisions(t *table, f File) error {
	if err := t.require("division_key", "division_name", "region_code", "region_name"); err != nil {
		return err
	}
	for _, row := range t.rows {
		key := alias(f.DivisionAliases, row.get("division_key"))
		if !divisionKey.MatchString(key) {
			return row.errorf("division_key", "division key %q must be lower case letters, digits and _", key)
		}
		name := row.get("division_name")
		if name == "" {
			return row.errorf("division_name", "division name is empty")
		}
		code := row.get("region_code")
		if code == "" {
			continue // a blank region (CBS leaves a few gemeenten without a NUTS3 code)
		}
		if !regionCode.MatchString(code) {
			return row.errorf("region_code", "region code %q is not a code (letters, digits, _ . -)", code)
		}
		d, ok := b.divisions[key]
		if !ok {
			d = &samenspel.Division{Key: key}
			b.divisions[key] = d
			b.divOrder = append(b.divOrder, key)
		}
		d.Name = name
		rk := samenspel.RegionKey(key, code)
		r, ok := b.regions[rk]
		if !ok {
			r = &samenspel.Region{Division: key, Code: code}
			b.regions[rk] = r
			b.regOrder = append(b.regOrder, rk)
		}
		if n := row.get("region_name"); n != "" {
			r.Name = n
		}
	}
	return nil
}

func (b *builder) addMemberships(t *table, f File) error {
	if err := t.require("municipality_code", "municipality_name"); err != nil {
		return err
	}
	if f.Vintage == "" {
		return &samenspel.InputError{Pos: samenspel.Pos{File: t.name}, Message: "a memberships file needs a vintage date in the manifest"}
	}
	vintage, err := samenspel.ParseDate(f.Vintage)
	if err != nil {
		return &samenspel.InputError{Pos: samenspel.Pos{File: t.name}, Message: "vintage: " + err.Error()}
	}
	type divCol struct {
		col int
		key string
	}
	var cols []divCol
	for i, h := range t.header {
		if h == "municipality_code" || h == "municipality_name" {
			continue
		}
		key := alias(f.DivisionAliases, h)
		d, ok := b.divisions[key]
		if !ok {
			return &samenspel.InputError{Pos: samenspel.Pos{File: t.name, Line: 1, Column: i + 1}, Message: fmt.Sprintf("column %q names division %q, which no divisions file before this one in the manifest declares", h, key)}
		}
		d.Vintages = appendDate(d.Vintages, vintage)
		cols = append(cols, divCol{i, key})
		b.replace = append(b.replace, samenspel.DivisionVintage{Division: key, Vintage: vintage})
	}
	seen := map[string]int{}
	for _, row := range t.rows {
		code := row.get("municipality_code")
		if !gemeenteCode.MatchString(code) {
			return row.errorf("municipality_code", "gemeente code %q is not of the form GM0000", code)
		}
		if first, dup := seen[code]; dup {
			return row.errorf("municipality_code", "gemeente %s appears twice (first on line %d)", code, first)
		}
		seen[code] = row.line
		name := row.get("municipality_name")
		if name == "" {
			return row.errorf("municipality_name", "gemeente name is empty")
		}
		b.org(code, code, name, samenspel.KindGemeente)
		for _, c := range cols {
			rc := row.cells[c.col]
			if rc == "" {
				continue // no region in this division for this gemeente
			}
			if _, ok := b.regions[samenspel.RegionKey(c.key, rc)]; !ok {
				return row.errorfCol(c.col, "region %q is not a region of division %q in the divisions files of this import", rc, c.key)
			}
			b.members = append(b.members, samenspel.MembershipRow{
				OrganisationID: code, Division: c.key, RegionCode: rc, Vintage: vintage,
				Pos: samenspel.Pos{File: t.name, Line: row.line, Column: c.col + 1},
			})
		}
	}
	return nil
}

// addGemeenteChanges reads the TOOI changes: every old code ends on the date (exclusive) and is
// merged into the new code; a Samenvoeging or Herschikking starts the new code on that date.
func (b *builder) addGemeenteChanges(t *table) error {
	if err := t.require("date", "event_type", "old_code", "old_name", "new_code", "new_name"); err != nil {
		return err
	}
	starts := map[string]samenspel.Date{}
	for _, row := range t.rows {
		d, err := samenspel.ParseDate(row.get("date"))
		if err != nil {
			return row.errorf("date", "%s", err)
		}
		typ := row.get("event_type")
		switch typ {
		case "Samenvoeging", "Uitbreiding", "Herschikking":
		default:
			return row.errorf("event_type", "event type %q is not Samenvoeging, Uitbreiding or Herschikking", typ)
		}
		oldCode, newCode := row.get("old_code"), row.get("new_code")
		if !gemeenteCode.MatchString(oldCode) {
			return row.errorf("old_code", "gemeente code %q is not of the form GM0000", oldCode)
		}
		if !gemeenteCode.MatchString(newCode) {
			return row.errorf("new_code", "gemeente code %q is not of the form GM0000", newCode)
		}
		if oldCode == newCode {
			return row.errorf("new_code", "gemeente %s cannot merge into itself", oldCode)
		}
		// Names from the changes file only fill gaps: the division tables carry the CBS names.
		old := b.org(oldCode, oldCode, "", samenspel.KindGemeente)
		if old.Name == "" {
			old.Name = row.get("old_name")
		}
		end := d
		old.ValidUntil = &end
		nw := b.org(newCode, newCode, "", samenspel.KindGemeente)
		if nw.Name == "" {
			nw.Name = row.get("new_name")
		}
		if typ != "Uitbreiding" {
			if s, ok := starts[newCode]; !ok || d.Before(s) {
				starts[newCode] = d
			}
		}
		b.mergers = append(b.mergers, samenspel.Merger{FromID: oldCode, IntoID: newCode, Date: d, Type: typ})
	}
	for code, d := range starts {
		start := d
		b.orgs[code].ValidFrom = &start
	}
	return nil
}

func (b *builder) addProvincies(t *table) error {
	if err := t.require("provincie_code", "name"); err != nil {
		return err
	}
	for _, row := range t.rows {
		code := row.get("provincie_code")
		if !provincieCode.MatchString(code) {
			return row.errorf("provincie_code", "provincie code %q is not of the form PV00", code)
		}
		name := row.get("name")
		if name == "" {
			return row.errorf("name", "provincie name is empty")
		}
		b.org(code, code, "Provincie "+name, samenspel.KindProvincie)
		if _, ok := b.regions[samenspel.RegionKey("provincie", code)]; ok {
			b.governs = append(b.governs, samenspel.Governs{OrganisationID: code, Division: "provincie", RegionCode: code})
		}
	}
	return nil
}

func (b *builder) addWaterschappen(t *table) error {
	if err := t.require("tooi_code", "name", "begindatum", "einddatum", "merged_into", "merged_on"); err != nil {
		return err
	}
	for _, row := range t.rows {
		tooi := row.get("tooi_code")
		if !waterschapCode.MatchString(tooi) {
			return row.errorf("tooi_code", "waterschap code %q is not of the form ws0000", tooi)
		}
		code := strings.ToUpper(tooi)
		o := b.org(code, code, "Waterschap "+row.get("name"), samenspel.KindWaterschap)
		if s := row.get("begindatum"); s != "" {
			d, err := samenspel.ParseDate(s)
			if err != nil {
				return row.errorf("begindatum", "%s", err)
			}
			o.ValidFrom = &d
		}
		if s := row.get("einddatum"); s != "" {
			d, err := samenspel.ParseDate(s)
			if err != nil {
				return row.errorf("einddatum", "%s", err)
			}
			end := d.AddDays(1) // einddatum is the last day; ValidUntil is exclusive
			o.ValidUntil = &end
		}
		if into := row.get("merged_into"); into != "" {
			if !waterschapCode.MatchString(into) {
				return row.errorf("merged_into", "waterschap code %q is not of the form ws0000", into)
			}
			d, err := samenspel.ParseDate(row.get("merged_on"))
			if err != nil {
				return row.errorf("merged_on", "%s", err)
			}
			b.mergers = append(b.mergers, samenspel.Merger{FromID: code, IntoID: strings.ToUpper(into), Date: d, Type: "Samenvoeging"})
		}
	}
	for _, m := range b.mergers {
		if _, ok := b.orgs[m.IntoID]; !ok {
			return &samenspel.InputError{Pos: samenspel.Pos{File: t.name}, Message: fmt.Sprintf("%s is merged into %s, which the file does not list", m.FromID, m.IntoID)}
		}
	}
	return nil
}

func (b *builder) dataset() (samenspel.Dataset, error) {
	var ds samenspel.Dataset
	for _, id := range b.orgOrder {
		o := b.orgs[id]
		if o.Name == "" {
			o.Name = o.Code
		}
		ds.Organisations = append(ds.Organisations, *o)
	}
	for _, k := range b.divOrder {
		ds.Divisions = append(ds.Divisions, *b.divisions[k])
	}
	for _, k := range b.regOrder {
		ds.Regions = append(ds.Regions, *b.regions[k])
	}
	ds.Memberships = b.members
	ds.Mergers = b.mergers
	ds.Governs = b.governs
	ds.Replace = b.replace
	return ds, nil
}

func alias(aliases map[string]string, key string) string {
	if a, ok := aliases[key]; ok {
		return a
	}
	return key
}

func appendDate(ds []samenspel.Date, d samenspel.Date) []samenspel.Date {
	for _, x := range ds {
		if x == d {
			return ds
		}
	}
	ds = append(ds, d)
	sort.Slice(ds, func(i, j int) bool { return ds[i].Before(ds[j]) })
	return ds
}

// table is a parsed CSV file with a header.
type table struct {
	name   string
	header []string
	index  map[string]int
	rows   []row
}

type row struct {
	t     *table
	line  int
	cells []string
}

func readTable(name string, data []byte) (*table, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	t := &table{name: name, index: map[string]int{}}
	header, err := r.Read()
	if err != nil {
		return nil, csvError(name, err)
	}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := t.index[h]; dup {
			return nil, &samenspel.InputError{Pos: samenspel.Pos{File: name, Line: 1, Column: i + 1}, Message: fmt.Sprintf("column %q appears twice", h)}
		}
		t.index[h] = i
		t.header = append(t.header, h)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		t.rows = append(t.rows, row{t: t, line: line, cells: rec})
	}
	return t, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields (every row must have as many as the header)"
		}
		return &samenspel.InputError{Pos: samenspel.Pos{File: name, Line: pe.Line, Column: pe.Column}, Message: msg}
	}
	return &samenspel.InputError{Pos: samenspel.Pos{File: name}, Message: err.Error()}
}

func (t *table) require(cols ...string) error {
	var missing []string
	for _, c := range cols {
		if _, ok := t.index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return &samenspel.InputError{Pos: samenspel.Pos{File: t.name, Line: 1}, Message: fmt.Sprintf("missing column(s) %s; the header has %s", strings.Join(missing, ", "), strings.Join(t.header, ", "))}
	}
	return nil
}

func (r row) get(col string) string { return r.cells[r.t.index[col]] }

func (r row) errorf(col string, format string, args ...any) error {
	return r.errorfCol(r.t.index[col], format, args...)
}

func (r row) errorfCol(col int, format string, args ...any) error {
	return &samenspel.InputError{
		Pos:     samenspel.Pos{File: r.t.name, Line: r.line, Column: col + 1},
		Message: fmt.Sprintf("column %q: ", r.t.header[col]) + fmt.Sprintf(format, args...),
	}
}
