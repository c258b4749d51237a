package workbook

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Limits of one read: a workbook unpacks to at most maxUnzipped bytes (an .xlsx is a zip file, and
// a small one can unpack to gigabytes), and a file holds at most MaxRows rows.
const (
	maxUnzipped = 512 << 20
	MaxRows     = 1_000_000
)

// Sheets a workbook may hold besides the data sheets; the reader skips them.
const (
	sheetHelp  = "Toelichting"
	sheetLists = "Lijsten"
)

// Read reads a workbook (name ends in .xlsx) or one sheet as CSV (name is the sheet's file
// name, e.g. rollen.csv) into b, which may already hold other files' sheets. The name is used in
// errors. Every problem found is returned (up to MaxErrors), each naming file, sheet, row and
// column.
func Read(b *Book, name string, r io.Reader) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		return readXLSX(b, name, r)
	case ".csv":
		base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		spec := SpecNamed(base)
		if spec == nil {
			return &CellError{File: name, Message: fmt.Sprintf("a CSV file is named after its sheet: %s", csvNames())}
		}
		return readCSV(b, spec, name, r)
	}
	return &CellError{File: name, Message: "give an .xlsx workbook or .csv files named after the sheets (" + csvNames() + ")"}
}

func csvNames() string {
	names := make([]string, len(Specs))
	for i, s := range Specs {
		names[i] = s.CSVName()
	}
	return strings.Join(names, ", ")
}

func readXLSX(b *Book, name string, r io.Reader) error {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		return &CellError{File: name, Message: "cannot be read as an .xlsx workbook: " + err.Error()}
	}
	defer f.Close()
	var errs Errors
	for _, sheet := range f.GetSheetList() {
		if sheet == sheetHelp || sheet == sheetLists {
			continue
		}
		spec := SpecNamed(sheet)
		if spec == nil {
			errs.Add(&CellError{File: name, Sheet: sheet, Message: "unknown sheet; the sheets are " + sheetNames()})
			continue
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			errs.Add(&CellError{File: name, Sheet: sheet, Message: "cannot be read: " + err.Error()})
			continue
		}
		var cells [][]string
		for rows.Next() {
			if b.Rows()+len(cells) >= MaxRows {
				errs.Add(&CellError{File: name, Sheet: sheet, Row: len(cells) + 1, Message: fmt.Sprintf("more than %d rows in one import; split the file", MaxRows)})
				break
			}
			// Raw values: a number is read as typed, not as the cell's display format.
			row, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				errs.Add(&CellError{File: name, Sheet: sheet, Row: len(cells) + 1, Message: "cannot be read: " + err.Error()})
				break
			}
			cells = append(cells, row)
		}
		rows.Close()
		for _, err := range Flatten(addSheet(b, spec, name, cells)) {
			errs.Add(err)
		}
	}
	return errs.Err()
}

func sheetNames() string {
	names := make([]string, len(Specs))
	for i, s := range Specs {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

func readCSV(b *Book, spec *Spec, name string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return &CellError{File: name, Message: "cannot be read: " + err.Error()}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte order mark, as Excel writes
	if !utf8.Valid(data) {
		return &CellError{File: name, Message: "is not UTF-8 text; save it as CSV UTF-8"}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	// Spreadsheets with a decimal comma (Dutch Excel) separate fields with ';'.
	if first, _ := bufio.NewReader(bytes.NewReader(data)).ReadString('\n'); strings.Count(first, ";") > strings.Count(first, ",") {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	var cells [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if b.Rows()+len(cells) >= MaxRows {
			return &CellError{File: name, Sheet: spec.Name, Row: len(cells) + 1, Message: fmt.Sprintf("more than %d rows in one import; split the file", MaxRows)}
		}
		if err != nil {
			var pe *csv.ParseError
			line := len(cells) + 1
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return &CellError{File: name, Sheet: spec.Name, Row: line, Message: "not valid CSV: " + err.Error()}
		}
		cells = append(cells, rec)
	}
	return addSheet(b, spec, name, cells)
}

// addSheet checks the header row and reads every data row into b.
func addSheet(b *Book, spec *Spec, file string, cells [][]string) error {
	if _, dup := b.Sheets[spec.Name]; dup {
		return &CellError{File: file, Sheet: spec.Name, Message: "this sheet is given twice (" + b.Sheets[spec.Name].File + " has it too)"}
	}
	s := &Sheet{Spec: spec, File: file}
	var errs Errors
	if len(cells) == 0 {
		b.Sheets[spec.Name] = s
		return nil
	}
	byColumn := map[int]*Column{}
	for i, h := range cells[0] {
		h = strings.TrimSpace(h)
		if h == "" {
			s.Columns = append(s.Columns, "") // a column without a header is not read, and keeps its place
			continue
		}
		var col *Column
		for j := range spec.Columns {
			if strings.EqualFold(spec.Columns[j].Header, h) || strings.EqualFold(spec.Columns[j].Key, h) {
				col = &spec.Columns[j]
			}
		}
		cell := &CellError{File: file, Sheet: spec.Name, Row: 1, Column: columnLetter(i)}
		switch {
		case col == nil:
			cell.Message = fmt.Sprintf("unknown column %q; the columns are %s", h, headers(spec))
			errs.Add(cell)
		case s.Letter(col.Key) != "":
			cell.Message = fmt.Sprintf("column %q is given twice (also in column %s)", h, s.Letter(col.Key))
			errs.Add(cell)
		default:
			byColumn[i] = col
		}
		s.Columns = append(s.Columns, "")
		if col != nil && byColumn[i] == col {
			s.Columns[len(s.Columns)-1] = col.Key
		}
	}
	for _, c := range spec.Columns {
		if c.Required && s.Letter(c.Key) == "" {
			errs.Add(&CellError{File: file, Sheet: spec.Name, Row: 1, Message: fmt.Sprintf("the column %q is missing", c.Header)})
		}
	}
	if errs.Len() > 0 {
		return errs.Err()
	}
	seen := map[string]int{}
	for n, rec := range cells[1:] {
		line := n + 2
		if blank(rec) {
			continue
		}
		row := Row{Line: line, Values: map[string]string{}}
		own := ""
		if i := colIndex(s, "beheerder"); i < len(rec) {
			own = strings.TrimSpace(rec[i])
		}
		for i, key := range s.Columns {
			if key == "" {
				continue
			}
			raw := ""
			if i < len(rec) {
				raw = rec[i]
			}
			v, err := normalise(spec.Column(key), raw, own)
			if err != nil && !errs.Add(s.Errorf(row, key, "%s", err)) {
				return errs.Err()
			}
			row.Values[key] = v
		}
		if err := checkRow(s, row); err != nil && !errs.Add(err) {
			return errs.Err()
		}
		id := spec.Identity(row)
		if first, dup := seen[id]; dup && id != "" {
			col, what := "sleutel", "beheerder and sleutel"
			switch {
			case spec.Name == SheetBijdragen:
				col, what = "organisatie", "result and organisation"
			case !spec.Keyed:
				col, what = "", "link"
			}
			if !errs.Add(s.Errorf(row, col, "the same %s as row %d", what, first)) {
				return errs.Err()
			}
		}
		seen[id] = line
		s.Rows = append(s.Rows, row)
	}
	b.Sheets[spec.Name] = s
	return errs.Err()
}

func colIndex(s *Sheet, key string) int {
	for i, k := range s.Columns {
		if k == key {
			return i
		}
	}
	return 1 << 30
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

func headers(spec *Spec) string {
	hs := make([]string, len(spec.Columns))
	for i, c := range spec.Columns {
		hs[i] = c.Header
	}
	return strings.Join(hs, ", ")
}

// checkRow applies the rules that involve more than one cell of a row.
func checkRow(s *Sheet, r Row) error {
	v := r.Values
	switch s.Spec.Name {
	case SheetOpgaven:
		seen := map[string]string{}
		for _, col := range []string{"thema1", "thema2", "thema3"} {
			for _, t := range strings.Split(v[col], "; ") {
				if t == "" {
					continue
				}
				if other, dup := seen[t]; dup {
					return s.Errorf(r, col, "theme %q is already in %s", t, s.Spec.Column(other).Header)
				}
				seen[t] = col
			}
		}
		if len([]rune(v["titel"])) > 300 {
			return s.Errorf(r, "titel", "must be at most 300 characters")
		}
		if v["start"] != "" && v["einde"] != "" && v["einde"] < v["start"] {
			return s.Errorf(r, "einde", "the end %s is before the start %s", v["einde"], v["start"])
		}
	case SheetRollen:
		if v["tot"] != "" && v["tot"] < v["van"] {
			return s.Errorf(r, "tot", "the end %s is before the start %s", v["tot"], v["van"])
		}
	case SheetPersonen:
		if e := v["email"]; e != "" && !strings.Contains(e, "@") {
			return s.Errorf(r, "email", "%q is not an e-mail address", e)
		}
	case SheetVertrouwen:
		if v["van"] != "" && v["van"] == v["over"] {
			return s.Errorf(r, "over", "an organisation does not assess itself")
		}
	}
	return nil
}
