package metrics

import (
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestOperationNamesAreBounded: only GraphQL names of at most 64 characters make series, at most
// MaxOperations of them; the rest, and anything a client could send as a name, count as "other".
func TestOperationNamesAreBounded(t *testing.T) {
	m := New()
	for _, bad := range []string{"query " + strings.Repeat("x", 65), "query \xff", "RegionMembers", "query a b", "delete Me"} {
		m.Operation(bad, "ok", time.Millisecond, 1, time.Millisecond)
	}
	for i := range MaxOperations + 5 {
		m.Operation(fmt.Sprintf("query Q%d", i), "ok", time.Millisecond, 1, time.Millisecond)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	text := string(body)
	if !strings.Contains(text, `samenspel_graphql_requests_total{operation="other",outcome="ok"} 10`) {
		t.Errorf("5 bad names and 5 over the bound should count as other:\n%s", grep(text, "requests_total"))
	}
	if n := strings.Count(text, "samenspel_graphql_requests_total{"); n != MaxOperations+1 {
		t.Errorf("%d series, want %d and other", n, MaxOperations)
	}
}

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
