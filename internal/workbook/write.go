package workbook

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// validatedRows is how far down the drop-down lists reach beyond the last row.
const validatedRows = 2000

// Write writes the book as an .xlsx workbook: a Toelichting sheet that explains every sheet and
// column, the data sheets in the order of Specs (headers in bold with the explanation as a
// comment, drop-down lists for enums, themes and scores), and a hidden Lijsten sheet that holds
// the lists. A book without rows is the template. Sheets the book leaves out are not written, and
// nor are columns a sheet leaves out (an export for a role that may not see them): an import of
// the workbook then leaves those alone.
func Write(w io.Writer, b *Book) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", sheetHelp); err != nil {
		return err
	}
	if err := writeHelp(f, b, bold, wrap); err != nil {
		return err
	}
	lists, err := writeLists(f)
	if err != nil {
		return err
	}
	for _, spec := range Specs {
		s, ok := b.Sheets[spec.Name]
		if !ok {
			continue
		}
		if err := writeSheet(f, s, lists, bold); err != nil {
			return fmt.Errorf("sheet %s: %w", spec.Name, err)
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

func writeHelp(f *excelize.File, b *Book, bold, wrap int) error {
	rows := [][]any{
		{"Samenspel: register van opgaven"},
		{"Vul per blad één rij per object in. Kolommen met * zijn verplicht. Een tweede import van hetzelfde bestand verandert niets; een verbeterde rij werkt het object bij. Rijen verwijderen uit het bestand verwijdert niets in Samenspel."},
		{"Importeren: samenspel import bestand.xlsx (eerst met --dry-run om alleen te controleren), of de mutatie importWorkbook in de GraphQL-API."},
		{},
		{"Blad", "Kolom", "Uitleg"},
	}
	for _, spec := range Specs {
		if _, ok := b.Sheets[spec.Name]; !ok {
			continue
		}
		rows = append(rows, []any{spec.Name, "", spec.Help})
		for _, c := range spec.Columns {
			h := c.Header
			if c.Required {
				h += " *"
			}
			rows = append(rows, []any{"", h, c.Help})
		}
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheetHelp, cell, &r); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheetHelp, "A5", "C5", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetHelp, "A", "B", 18); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetHelp, "C", "C", 110); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(3, len(rows))
	return f.SetCellStyle(sheetHelp, "C6", last, wrap)
}

// writeLists writes the allowed values on the hidden Lijsten sheet and returns, per list, the
// range a validation refers to.
func writeLists(f *excelize.File) (map[string]string, error) {
	if _, err := f.NewSheet(sheetLists); err != nil {
		return nil, err
	}
	themes := make([]string, len(samenspel.Themes))
	for i, t := range samenspel.Themes {
		themes[i] = t.Key
	}
	lists := []struct {
		name   string
		values []string
	}{
		{"thema", themes}, {"schaal", samenspel.Scales}, {"status", samenspel.Statuses}, {"roltype", samenspel.RoleTypes},
		{"niveau", samenspel.RoleLevels}, {"instrumenttype", samenspel.InstrumentTypes}, {"koppeltype", samenspel.LinkTypes},
		{"score", []string{"1", "2", "3", "4", "5"}}, {"orgaan", samenspel.DecisionBodies}, {"mandaat", samenspel.MandateStatuses},
	}
	ranges := map[string]string{}
	for i, l := range lists {
		col := columnLetter(i)
		if err := f.SetCellValue(sheetLists, col+"1", l.name); err != nil {
			return nil, err
		}
		for j, v := range l.values {
			if err := f.SetCellValue(sheetLists, fmt.Sprintf("%s%d", col, j+2), v); err != nil {
				return nil, err
			}
		}
		ranges[l.name] = fmt.Sprintf("%s!$%s$2:$%s$%d", sheetLists, col, col, len(l.values)+1)
	}
	return ranges, f.SetSheetVisible(sheetLists, false)
}

// listOf is the Lijsten list a column's drop-down uses.
func listOf(spec *Spec, c Column) string {
	switch c.Kind {
	case Theme:
		return "thema"
	case Score:
		return "score"
	case Enum:
		switch {
		case c.Key == "schaal", c.Key == "status", c.Key == "niveau", c.Key == "orgaan", c.Key == "mandaat":
			return c.Key
		case spec.Name == SheetRollen:
			return "roltype"
		case spec.Name == SheetInstrumenten:
			return "instrumenttype"
		case spec.Name == SheetKoppelingen:
			return "koppeltype"
		}
	}
	return ""
}

func writeSheet(f *excelize.File, s *Sheet, lists map[string]string, bold int) error {
	name := s.Spec.Name
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": typed dates stay text
	if err != nil {
		return err
	}
	header := make([]any, len(s.Columns))
	for i, key := range s.Columns {
		c := s.Spec.Column(key)
		header[i] = c.Header
		letter := columnLetter(i)
		if err := f.AddComment(name, excelize.Comment{Cell: letter + "1", Author: "Samenspel", Text: c.Help}); err != nil {
			return err
		}
		width := 16.0
		switch c.Kind {
		case Text, Area, References:
			width = 36
		}
		if err := f.SetColWidth(name, letter, letter, width); err != nil {
			return err
		}
		if err := f.SetColStyle(name, letter, text); err != nil {
			return err
		}
		if l := listOf(s.Spec, *c); l != "" {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", letter, letter, len(s.Rows)+validatedRows)
			dv.SetSqrefDropList(lists[l])
			dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "Kies een waarde uit de lijst.")
			if err := f.AddDataValidation(name, dv); err != nil {
				return err
			}
		}
	}
	if err := f.SetSheetRow(name, "A1", &header); err != nil {
		return err
	}
	if err := f.SetRowStyle(name, 1, 1, bold); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for n, r := range s.Rows {
		cells := make([]any, len(s.Columns))
		own := r.Values["beheerder"]
		for i, key := range s.Columns {
			v := r.Values[key]
			switch s.Spec.Column(key).Kind {
			case Reference:
				v = Shorten(v, own)
			case References:
				parts := strings.Split(v, "; ")
				for j := range parts {
					parts[j] = Shorten(parts[j], own)
				}
				v = strings.Join(parts, "; ")
			}
			cells[i] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := f.SetSheetRow(name, cell, &cells); err != nil {
			return err
		}
	}
	return nil
}
