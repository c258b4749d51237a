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

// workbookHandler serves GET /export/workbook.xlsx: every opgave, person, role, instrument, link
// and trust assessment as the workbook importWorkbook reads. What a role gets follows the field
// rules of the policy: people's e-mail and phone only where Query.personContact holds everywhere
// (admins), the trust sheet only where Query.trust does (analysts, admins), and its notes only
// where TrustAssessment.note does (admins). A column or sheet left
// out is left alone when the file is imported again. Exports with personal data are audited.
func workbookHandler(db *neo4jdb.DB, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := samenspel.CallerIn(r.Context())
		if err := auth.Check(c, "GET /export/workbook.xlsx"); err != nil {
			writeAccessError(w, err)
			return
		}
		everywhere := func(rule string) bool {
			ru, _ := auth.RuleFor(rule)
			s, ok := ru.Allows(c)
			return ok && s == auth.Everywhere
		}
		var sheets []string
		for _, s := range workbook.Specs {
			if s.Name != workbook.SheetVertrouwen || everywhere("Query.trust") {
				sheets = append(sheets, s.Name)
			}
		}
		hidden := map[string][]string{}
		if !everywhere("Query.personContact") {
			hidden[workbook.SheetPersonen] = []string{"email", "telefoon"}
		}
		if !everywhere("TrustAssessment.note") {
			hidden[workbook.SheetVertrouwen] = []string{"toelichting"}
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
