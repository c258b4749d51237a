package auth

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/samenspel/samenspel/internal/samenspel"
)

type fakeKeys struct {
	keys    map[string]samenspel.APIKey
	lookups int
}

func (f *fakeKeys) APIKeyByHash(_ context.Context, hash string) (samenspel.APIKey, bool, error) {
	f.lookups++
	k, ok := f.keys[hash]
	return k, ok, nil
}

func (f *fakeKeys) TouchAPIKey(context.Context, string, time.Time) error { return nil }

// TestKeyLookupsAreCachedBriefly: a valid key is read once per KeyCacheTTL; unknown, revoked and
// expired keys are read every time (so a key revoked before its next use never works again).
func TestKeyLookupsAreCachedBriefly(t *testing.T) {
	good, goodHash, _ := NewKey()
	revoked, revokedHash, _ := NewKey()
	expiring, expiringHash, _ := NewKey()
	now := time.Now()
	soon := now.Add(time.Second)
	at := now.Add(-time.Hour)
	f := &fakeKeys{keys: map[string]samenspel.APIKey{
		goodHash:     {ID: "g", Access: samenspel.Analyst, Hash: goodHash},
		revokedHash:  {ID: "r", Access: samenspel.Analyst, Hash: revokedHash, Revoked: &at},
		expiringHash: {ID: "e", Access: samenspel.Analyst, Hash: expiringHash, Expires: &soon},
	}}
	a, err := New(context.Background(), f, OIDC{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	clock := now
	a.now = func() time.Time { return clock }
	for range 3 {
		if c, err := a.Authenticate(context.Background(), "Bearer "+good); err != nil || c.Access != samenspel.Analyst || c.Subject != "g" {
			t.Fatalf("good key: %+v %v", c, err)
		}
	}
	if f.lookups != 1 {
		t.Errorf("%d lookups for three uses of one key, want 1", f.lookups)
	}
	for range 2 {
		var refusal *Refusal
		if _, err := a.Authenticate(context.Background(), "Bearer "+revoked); !errors.As(err, &refusal) {
			t.Errorf("revoked key: %v", err)
		}
	}
	if f.lookups != 3 {
		t.Errorf("a revoked key was cached: %d lookups", f.lookups)
	}
	if _, err := a.Authenticate(context.Background(), "Bearer "+expiring); err != nil {
		t.Fatalf("a key that expires later: %v", err)
	}
	clock = now.Add(2 * time.Second) // past its expiry, within the cache's lifetime
	if _, err := a.Authenticate(context.Background(), "Bearer "+expiring); err == nil {
		t.Error("an expired key was accepted from the cache")
	}
}

// TestGovernsMatchesThePolicy: Governs covers exactly the policy's type.field rules.
func TestGovernsMatchesThePolicy(t *testing.T) {
	for _, r := range Policy {
		typ, field, _ := strings.Cut(r.Name, ".")
		if !Governs(typ, field) {
			t.Errorf("%s is in the policy, Governs says no", r.Name)
		}
	}
	if Governs("Organisation", "name") || Governs("Query", "organisation") {
		t.Error("a public field is governed")
	}
}
