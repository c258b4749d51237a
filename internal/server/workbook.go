package server

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/samenspel/samenspel/graph"
	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/workbook"
)

// workbookHandler serves GET /export/workbook.xlsx: every opgave, person, role, instrument, link,
// trust assessment and the practice on the opgaven as the workbook importWorkbook reads. What a
// role gets follows the field rules of the policy: a sheet only where the rule of its field holds
// everywhere (sheetRules: the trust sheet where Query.trust does, for analysts and admins; the
// check-ins where Opgave.checkIns does, likewise), people's e-mail and phone only where
// Query.personContact holds everywhere (admins), and the notes of trust assessments and check-ins
// only where TrustAssessment.note and CheckIn.note do (admins). An export holds every row, so a
// rule that holds for some rows only (an editor's own organisation's check-ins) leaves the sheet or
// column out. A column or sheet left out is left alone when the file is imported again. Exports
// with personal data are audited.
func workbookHandler(db *neo4jdb.DB, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := samenspel.CallerIn(r.Context())
		if err := auth.Check(c, "GET /export/workbook.xlsx"); err != nil {
			writeAccessError(w, err)
			return
		}
		everywhere := func(rule string) bool {
			ru, governed := auth.RuleFor(rule)
			s, ok := ru.Allows(c)
			return !governed || (ok && s == auth.Everywhere)
		}
		var sheets []string
		for _, s := range workbook.Specs {
			if rule, ok := sheetRules[s.Name]; !ok || everywhere(rule) {
				sheets = append(sheets, s.Name)
			}
		}
		hidden := map[string][]string{}
		for sheet, cols := range columnRules {
			for col, rule := range cols {
				if !everywhere(rule) {
					hidden[sheet] = append(hidden[sheet], col)
				}
			}
		}
		b, err := db.ExportWorkbook(r.Context(), sheets, hidden)
		if err == nil {
			err = db.AuditRead(r.Context(), []string{"export/workbook.xlsx"})
		}
		var buf bytes.Buffer
		if err == nil {
			err = workbook.Write(&buf, b)
		}
		if err != nil {
			status := statusOf(err)
			if status == http.StatusInternalServerError {
				log.ErrorContext(r.Context(), "workbook export failed", "err", err.Error())
			}
			if status == http.StatusServiceUnavailable {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.Header().Set("Content-Type", "application/json")
			writeError(w, status, samenspel.ErrorMessage(err))
			return
		}
		w.Header().Set("Content-Type", xlsxType)
		w.Header().Set("Content-Disposition", `attachment; filename="samenspel-register.xlsx"`)
		w.Write(buf.Bytes())
	})
}

// sheetRules are the policy rules of the fields a sheet's rows are read through; a sheet without
// one is the register's (opgaven, people, roles, instruments, links: public, or names for every
// signed-in user, as the export's own rule) or public (results and contributions).
var sheetRules = map[string]string{
	workbook.SheetVertrouwen: "Query.trust",
	workbook.SheetBelangen:   "Opgave.interests",
	workbook.SheetConflicten: "Opgave.interestConflicts",
	workbook.SheetAfspraken:  "Opgave.agreements",
	workbook.SheetCheckIns:   "Opgave.checkIns",
	workbook.SheetLessen:     "Opgave.lessons",
	workbook.SheetResultaten: "Opgave.results",
	workbook.SheetBijdragen:  "Opgave.results",
}

// columnRules are the policy rules of columns that are more sensitive than their sheet.
var columnRules = map[string]map[string]string{
	workbook.SheetPersonen:   {"email": "Query.personContact", "telefoon": "Query.personContact"},
	workbook.SheetVertrouwen: {"toelichting": "TrustAssessment.note"},
	workbook.SheetCheckIns:   {"notitie": "CheckIn.note"},
}

// templateHandler serves GET /export/template.xlsx: the empty workbook (headers, explanations and
// drop-down lists; no data, so public), the same as `samenspel template`.
func templateHandler(log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		if err := workbook.Write(&buf, workbook.NewBook("")); err != nil {
			log.ErrorContext(r.Context(), "template failed", "err", err.Error())
			w.Header().Set("Content-Type", "application/json")
			writeError(w, http.StatusInternalServerError, "the template could not be written")
			return
		}
		w.Header().Set("Content-Type", xlsxType)
		w.Header().Set("Content-Disposition", `attachment; filename="samenspel-sjabloon.xlsx"`)
		w.Write(buf.Bytes())
	})
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// uploadsOnlyForImport keeps multipart/form-data (which gets the bulk deadline and the upload
// size) to what it is for: a mutation of importWorkbook alone.
type uploadsOnlyForImport struct{}

func (uploadsOnlyForImport) ExtensionName() string                   { return "UploadsOnlyForImport" }
func (uploadsOnlyForImport) Validate(graphql.ExecutableSchema) error { return nil }
func (uploadsOnlyForImport) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if !strings.HasPrefix(oc.Headers.Get("Content-Type"), "multipart/form-data") {
		return nil
	}
	ok := oc.Operation != nil && oc.Operation.Operation == ast.Mutation && len(oc.Operation.SelectionSet) > 0
	for _, sel := range oc.Operation.SelectionSet {
		if f, isField := sel.(*ast.Field); !isField || f.Name != "importWorkbook" {
			ok = false
		}
	}
	if !ok {
		return &gqlerror.Error{Message: "multipart/form-data is for uploads to the importWorkbook mutation (alone); send other requests as application/json",
			Extensions: map[string]any{"code": graph.CodeBadUserInput}}
	}
	return nil
}
