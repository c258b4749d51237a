package workbook

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Ref names a keyed row: its beheerder and sleutel.
type Ref struct{ Beheerder, Sleutel string }

func (r Ref) String() string { return r.Beheerder + "/" + r.Sleutel }

// ParseRef reads a qualified reference (beheerder/sleutel) as Row values hold it.
func ParseRef(s string) Ref {
	b, k, _ := strings.Cut(s, "/")
	return Ref{b, k}
}

// Row is one row of a sheet, its values normalised: dates as YYYY-MM-DD, enums in upper case,
// numbers without thousands separators, references qualified (beheerder/sleutel), lists sorted
// and joined by "; ". A column the sheet lacks has no entry: an import leaves that property of a
// stored object as it is.
type Row struct {
	Line   int // 1-based row number in the sheet (row 1 holds the headers)
	Values map[string]string
}

// Key is the row's external key (zero for a link).
func (r Row) Key() Ref { return Ref{r.Values["beheerder"], r.Values["sleutel"]} }

// Has reports whether the row's sheet has the column.
func (r Row) Has(col string) bool { _, ok := r.Values[col]; return ok }

// Sheet is one sheet of a book.
type Sheet struct {
	Spec    *Spec
	File    string   // the file it was read from
	Columns []string // the column keys present, in the order of the file
	Rows    []Row
}

// Letter is the spreadsheet column letter of a column key (A for the first), or "".
func (s *Sheet) Letter(col string) string {
	if i := slices.Index(s.Columns, col); i >= 0 {
		return columnLetter(i)
	}
	return ""
}

// Book is a read (or to be written) workbook: its sheets by name.
type Book struct {
	Sheets map[string]*Sheet
}

// NewBook returns an empty book with every sheet and all columns.
func NewBook(file string) *Book {
	b := &Book{Sheets: map[string]*Sheet{}}
	for _, s := range Specs {
		cols := make([]string, len(s.Columns))
		for i, c := range s.Columns {
			cols[i] = c.Key
		}
		b.Sheets[s.Name] = &Sheet{Spec: s, File: file, Columns: cols}
	}
	return b
}

// Empty returns a book without sheets, for Read to fill.
func Empty() *Book { return &Book{Sheets: map[string]*Sheet{}} }

// Sheet returns the named sheet, or an empty one.
func (b *Book) Sheet(name string) *Sheet {
	if s, ok := b.Sheets[name]; ok {
		return s
	}
	return &Sheet{Spec: SpecNamed(name)}
}

// Rows counts the rows of all sheets.
func (b *Book) Rows() int {
	n := 0
	for _, s := range b.Sheets {
		n += len(s.Rows)
	}
	return n
}

// CellError is a problem with one cell (or row, or sheet) of a file.
type CellError struct {
	File, Sheet string
	Row         int    // 0: the sheet as a whole
	Column      string // the column letter; "" for the row as a whole
	Header      string
	Message     string
	// Forbidden: the row is valid, but the caller's role may not import it.
	Forbidden bool
}

func (e *CellError) Error() string {
	if e.File == "" && e.Sheet == "" {
		return e.Message
	}
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		b.WriteString(":" + e.Sheet)
	}
	if e.Row > 0 {
		fmt.Fprintf(&b, ":%d", e.Row)
		if e.Column != "" {
			b.WriteString(":" + e.Column)
		}
	}
	if e.Header != "" {
		b.WriteString(" (" + e.Header + ")")
	}
	return b.String() + ": " + e.Message
}

// Errorf returns a CellError about a row's column of the sheet ("" for the row).
func (s *Sheet) Errorf(r Row, col, format string, args ...any) *CellError {
	e := &CellError{File: s.File, Sheet: s.Spec.Name, Row: r.Line, Message: fmt.Sprintf(format, args...)}
	if c := s.Spec.Column(col); c != nil {
		e.Column, e.Header = s.Letter(col), c.Header
	}
	return e
}

// MaxErrors is how many problems one read reports before it stops.
const MaxErrors = 50

// Errors collects cell errors up to MaxErrors.
type Errors struct{ list []error }

// Add records an error; it reports false once MaxErrors are recorded.
func (e *Errors) Add(err error) bool {
	for _, one := range Flatten(err) {
		if len(e.list) < MaxErrors {
			e.list = append(e.list, one)
		}
	}
	return len(e.list) < MaxErrors
}

// Err joins what was recorded (nil for none); the first error comes first.
func (e *Errors) Err() error {
	if len(e.list) == MaxErrors {
		return errors.Join(append(e.list, &CellError{Message: fmt.Sprintf("stopped after %d problems; correct these and check again", MaxErrors)})...)
	}
	return errors.Join(e.list...)
}

// Flatten lists the single errors of an error that joins others (at any depth), in order.
func Flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	if inner := errors.Unwrap(err); inner != nil {
		if _, ok := inner.(interface{ Unwrap() []error }); ok {
			return Flatten(inner)
		}
	}
	return []error{err}
}

// Len is the number of recorded errors.
func (e *Errors) Len() int { return len(e.list) }

// MaxCell is the most characters a spreadsheet cell holds (Excel's limit, which excelize keeps).
const MaxCell = 32767

// normalise reads one cell of a column. beheerder is the row's own, for references.
func normalise(c *Column, raw, beheerder string) (string, error) {
	v := strings.TrimSpace(raw)
	if utf8.RuneCountInString(v) > MaxCell {
		return "", fmt.Errorf("has %d characters; a spreadsheet cell holds at most %d", utf8.RuneCountInString(v), MaxCell)
	}
	if v == "" {
		if c.Required {
			return "", errors.New("must not be empty")
		}
		return "", nil
	}
	switch c.Kind {
	case Key:
		if strings.ContainsAny(v, "/;\n\r") {
			return "", fmt.Errorf("%q: a key may not contain '/', ';' or a line break", v)
		}
		if len(v) > 200 {
			return "", errors.New("a key may have at most 200 characters")
		}
	case Enum:
		u := strings.ToUpper(v)
		if !slices.Contains(c.Values, u) {
			return "", fmt.Errorf("%q is not one of %s", v, strings.Join(c.Values, ", "))
		}
		return u, nil
	case Theme:
		return themeKey(v)
	case Themes:
		var keys []string
		for _, part := range strings.Split(v, ";") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			k, err := themeKey(part)
			if err != nil {
				return "", err
			}
			keys = append(keys, k)
		}
		return strings.Join(keys, "; "), nil
	case Date:
		d, err := parseDate(v)
		if err != nil {
			return "", err
		}
		return d.String(), nil
	case Number:
		f, err := parseNumber(v)
		if err != nil {
			return "", err
		}
		return FormatNumber(f), nil
	case Score:
		n, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
		if err != nil || n < 1 || n > 5 {
			return "", fmt.Errorf("%q: give a whole number from 1 to 5", v)
		}
		return strconv.Itoa(n), nil
	case Org:
		if strings.ContainsAny(v, "\n\r;") {
			return "", fmt.Errorf("%q: give one organisation id", v)
		}
	case Reference:
		return qualify(v, beheerder)
	case References:
		var refs []string
		for _, part := range strings.Split(v, ";") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			q, err := qualify(part, beheerder)
			if err != nil {
				return "", err
			}
			refs = append(refs, q)
		}
		slices.Sort(refs)
		return strings.Join(slices.Compact(refs), "; "), nil
	case Area:
		var parts []string
		for _, part := range strings.Split(v, ";") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			if div, code, ok := strings.Cut(part, "/"); ok {
				div, code = strings.TrimSpace(div), strings.TrimSpace(code)
				if div == "" || code == "" {
					return "", fmt.Errorf("%q: write a region as division/code, e.g. veiligheidsregio/VR09", part)
				}
				part = div + "/" + code
			} else {
				part = strings.ToUpper(part)
				if !strings.HasPrefix(part, "GM") {
					return "", fmt.Errorf("%q: write a gemeente as its CBS code (GM0344) and a region as division/code", part)
				}
			}
			parts = append(parts, part)
		}
		if len(parts) == 0 {
			return "", errors.New("give at least one gemeente or region")
		}
		slices.Sort(parts)
		return strings.Join(slices.Compact(parts), "; "), nil
	}
	return v, nil
}

// qualify writes a reference as beheerder/sleutel, filling in the row's own beheerder.
func qualify(v, beheerder string) (string, error) {
	b, k, ok := strings.Cut(v, "/")
	if !ok {
		b, k = beheerder, v
	}
	b, k = strings.TrimSpace(b), strings.TrimSpace(k)
	if b == "" || k == "" || strings.Contains(k, "/") {
		return "", fmt.Errorf("%q: refer to a row by its sleutel, or by beheerder/sleutel", v)
	}
	return b + "/" + k, nil
}

// Shorten writes a qualified reference the way a person would: the sleutel alone when the row
// has the same beheerder.
func Shorten(qualified, beheerder string) string {
	if k, ok := strings.CutPrefix(qualified, beheerder+"/"); ok {
		return k
	}
	return qualified
}

func themeKey(v string) (string, error) {
	for _, t := range samenspel.Themes {
		if strings.EqualFold(v, t.Key) || strings.EqualFold(v, t.Label) {
			return t.Key, nil
		}
	}
	return "", fmt.Errorf("unknown theme %q; the themes are %s", v, themeKeys())
}

func themeKeys() string {
	keys := make([]string, len(samenspel.Themes))
	for i, t := range samenspel.Themes {
		keys[i] = t.Key
	}
	return strings.Join(keys, ", ")
}

// spreadsheet dates count days from 30 December 1899.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func parseDate(v string) (samenspel.Date, error) {
	if d, err := samenspel.ParseDate(v); err == nil {
		return d, nil
	}
	for _, layout := range []string{"2-1-2006", "2/1/2006", "2006/1/2", "2006-1-2"} {
		if t, err := time.Parse(layout, v); err == nil {
			return samenspel.NewDate(t.Year(), t.Month(), t.Day()), nil
		}
	}
	// A cell formatted as a date holds the number of days since the epoch.
	if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 && f < 2958466 && f == math.Trunc(f) {
		t := excelEpoch.AddDate(0, 0, int(f))
		return samenspel.NewDate(t.Year(), t.Month(), t.Day()), nil
	}
	return samenspel.Date{}, fmt.Errorf("%q is not a date; write it as YYYY-MM-DD, e.g. 2024-01-15", v)
}

func parseNumber(v string) (float64, error) {
	s := strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(v), "€"), " ", "")
	switch {
	case strings.Contains(s, ",") && strings.Contains(s, "."):
		// 1.234,56 (Dutch) or 1,234.56 (English): the last separator is the decimal one.
		if strings.LastIndex(s, ",") > strings.LastIndex(s, ".") {
			s = strings.ReplaceAll(s, ".", "")
			s = strings.ReplaceAll(s, ",", ".")
		} else {
			s = strings.ReplaceAll(s, ",", "")
		}
	case strings.Contains(s, ","):
		s = strings.ReplaceAll(s, ",", ".")
	case strings.Count(s, ".") == 1 && len(s)-strings.Index(s, ".") == 4 && !strings.HasPrefix(s, "0."):
		// 1.500: fifteen hundred to a Dutch reader, one and a half to an English one.
		return 0, fmt.Errorf("%q is ambiguous; write 1500 or 1,5", v)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a number", v)
	}
	if f < 0 {
		return 0, fmt.Errorf("%q: must not be negative", v)
	}
	return f, nil
}

// FormatNumber writes a number as Row values hold it.
func FormatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// Summary says what an import of a workbook did (or, in a dry run, would do) per sheet.
type Summary struct {
	Sheets []SheetSummary
	DryRun bool
}

// SheetSummary counts one sheet's rows by what the import does with them.
type SheetSummary struct {
	Sheet                       string
	Created, Updated, Unchanged int
}

// Changed reports whether the import writes anything.
func (s Summary) Changed() bool {
	for _, sh := range s.Sheets {
		if sh.Created+sh.Updated > 0 {
			return true
		}
	}
	return false
}

func (s Summary) String() string {
	var parts []string
	for _, sh := range s.Sheets {
		parts = append(parts, fmt.Sprintf("%s: %d created, %d updated, %d unchanged", sh.Sheet, sh.Created, sh.Updated, sh.Unchanged))
	}
	return strings.Join(parts, "; ")
}
