package server_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// issuer is an OpenID Connect issuer of the tests' own: a key pair, its JWKS and discovery
// document served by httptest, and tokens signed with it. No outside identity provider is needed.
type issuer struct {
	srv *httptest.Server
	mu  sync.Mutex
	key *rsa.PrivateKey
	kid string
	old []jose.JSONWebKey // keys of earlier rotations, still published
}

const testAudience = "samenspel-test"

func newIssuer(t testing.TB) *issuer {
	t.Helper()
	i := &issuer{}
	i.rotate(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"issuer": i.srv.URL, "jwks_uri": i.srv.URL + "/jwks", "id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("/jwks", func(w http.ResponseWriter, r *http.Request) {
		i.mu.Lock()
		defer i.mu.Unlock()
		keys := append([]jose.JSONWebKey{{Key: &i.key.PublicKey, KeyID: i.kid, Algorithm: "RS256", Use: "sig"}}, i.old...)
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: keys})
	})
	i.srv = httptest.NewServer(mux)
	return i
}

// rotate makes a new signing key; the old one stays in the JWKS.
func (i *issuer) rotate(t testing.TB) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.key != nil {
		i.old = append(i.old, jose.JSONWebKey{Key: &i.key.PublicKey, KeyID: i.kid, Algorithm: "RS256", Use: "sig"})
	}
	b := make([]byte, 6)
	rand.Read(b)
	i.key, i.kid = k, "k"+string(rune('a'+len(i.old)))+jsonHex(b)
}

func jsonHex(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// token signs claims; it adds iss, aud, iat, nbf and exp (an hour) unless claims set them.
func (i *issuer) token(t testing.TB, claims map[string]any) string {
	t.Helper()
	i.mu.Lock()
	key, kid := i.key, i.kid
	i.mu.Unlock()
	now := time.Now()
	full := map[string]any{"iss": i.srv.URL, "aud": testAudience, "iat": now.Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix()}
	for k, v := range claims {
		full[k] = v
	}
	sig, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := jwt.Signed(sig).Claims(full).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// user is a token for someone of org with role.
func (i *issuer) user(t testing.TB, org, role string) string {
	return i.token(t, map[string]any{"sub": role + "@" + org, "name": "Test " + role, "samenspel_org": org, "samenspel_roles": []string{role}})
}
