package server_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/samenspel/samenspel/internal/demo"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/testneo4j"
	"github.com/samenspel/samenspel/internal/workbook"
)

// BenchmarkWorkbook measures the spreadsheet round trip on the demo set at scale
// SAMENSPEL_BENCH_SCALE (see BenchmarkOpgaven): the export of the whole register as .xlsx, the
// import of that workbook as a new keeper's rows (every row created), and its second import
// (every row unchanged). It runs once (-benchtime 1x): a second round would find the copies
// stored. Run with `make bench`.
func BenchmarkWorkbook(b *testing.B) {
	scale := benchScale(b)
	newAPI(b)
	db := testneo4j.Open(b)
	ctx := samenspel.WithCaller(context.Background(), samenspel.System("benchmark"))
	w, err := db.DemoWorld(ctx, samenspel.NewDate(2025, 6, 1))
	if err != nil {
		b.Fatal(err)
	}
	if err := db.ReplaceDemo(ctx, demo.Generate(w, 1, scale), nil); err != nil {
		b.Fatal(err)
	}
	demoLoaded = scale == 1
	for b.Loop() {
		start := time.Now()
		book, err := db.ExportWorkbook(ctx, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		var export bytes.Buffer
		if err := workbook.Write(&export, book); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(ms(time.Since(start)), "export-ms")
		// The same rows kept by another organisation: an import that creates every one.
		const keeper = "GM0363"
		for _, sh := range book.Sheets {
			for _, r := range sh.Rows {
				for _, c := range sh.Spec.Columns {
					if c.Kind == workbook.Reference || c.Kind == workbook.References || c.Key == "beheerder" {
						r.Values[c.Key] = strings.ReplaceAll(r.Values[c.Key], workbook.Samenspel+"/", keeper+"/")
					}
				}
				r.Values["beheerder"] = keeper
			}
		}
		var copied bytes.Buffer
		if err := workbook.Write(&copied, book); err != nil {
			b.Fatal(err)
		}
		for _, round := range []string{"import-ms", "reimport-ms"} {
			start = time.Now()
			read := workbook.Empty()
			if err := workbook.Read(read, "register.xlsx", bytes.NewReader(copied.Bytes())); err != nil {
				b.Fatal(err)
			}
			sum, err := db.ImportWorkbook(ctx, read, false, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(ms(time.Since(start)), round)
			b.Logf("scale %d, %s: %d rows, %d bytes: %s", scale, round, read.Rows(), copied.Len(), sum)
		}
	}
}
