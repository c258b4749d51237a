package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Keys is what the authenticator needs of the store.
type Keys interface {
	APIKeyByHash(ctx context.Context, hash string) (samenspel.APIKey, bool, error)
	TouchAPIKey(ctx context.Context, id string, at time.Time) error
}

// OIDC configures sign-in with tokens of an OpenID Connect issuer. The keys come from the
// issuer's JWKS (its discovery document names it, or JWKSURL does), cached and fetched again when
// a token names a key it does not know (rotation).
type OIDC struct {
	Issuer     string // SAMENSPEL_OIDC_ISSUER; empty: tokens are not accepted, only API keys
	Audience   string // SAMENSPEL_OIDC_AUDIENCE: the token's aud must contain it
	JWKSURL    string // SAMENSPEL_OIDC_JWKS_URL: skips discovery
	OrgClaim   string // SAMENSPEL_OIDC_ORG_CLAIM: the claim with the organisation's code (default samenspel_org)
	RolesClaim string // SAMENSPEL_OIDC_ROLES_CLAIM: the claim with the role(s) (default samenspel_roles)
}

// Authenticator turns a request's credentials into a samenspel.Caller.
type Authenticator struct {
	keys     Keys
	cfg      OIDC
	log      *slog.Logger
	now      func() time.Time
	verifier *oidc.IDTokenVerifier

	mu      sync.Mutex
	touched map[string]time.Time // when lastUsed was last written per key

	// known caches valid keys by hash for KeyCacheTTL, so that a dashboard's requests do not each
	// cost a lookup; a revoked key stops working within that time.
	known *expirable.LRU[string, samenspel.APIKey]
}

// KeyCacheTTL is how long a valid API key is trusted without reading it again: the longest a
// revoked key goes on working (on each replica).
const KeyCacheTTL = 10 * time.Second

// New returns an authenticator. With an issuer but no JWKS URL it reads the issuer's discovery
// document, which must be reachable.
func New(ctx context.Context, keys Keys, cfg OIDC, log *slog.Logger) (*Authenticator, error) {
	if cfg.OrgClaim == "" {
		cfg.OrgClaim = "samenspel_org"
	}
	if cfg.RolesClaim == "" {
		cfg.RolesClaim = "samenspel_roles"
	}
	a := &Authenticator{keys: keys, cfg: cfg, log: log, now: time.Now, touched: map[string]time.Time{},
		known: expirable.NewLRU[string, samenspel.APIKey](10000, nil, KeyCacheTTL)}
	if cfg.Issuer == "" {
		return a, nil
	}
	if cfg.Audience == "" {
		return nil, errors.New("SAMENSPEL_OIDC_AUDIENCE: set the audience tokens must carry (the client ID of Samenspel at the issuer)")
	}
	jwks := cfg.JWKSURL
	if jwks == "" {
		p, err := oidc.NewProvider(ctx, cfg.Issuer)
		if err != nil {
			return nil, fmt.Errorf("SAMENSPEL_OIDC_ISSUER: cannot read the discovery document of %s: %w", cfg.Issuer, err)
		}
		var doc struct {
			JWKS string `json:"jwks_uri"`
		}
		if err := p.Claims(&doc); err != nil || doc.JWKS == "" {
			return nil, fmt.Errorf("SAMENSPEL_OIDC_ISSUER: the discovery document of %s names no jwks_uri", cfg.Issuer)
		}
		jwks = doc.JWKS
	}
	a.verifier = oidc.NewVerifier(cfg.Issuer, oidc.NewRemoteKeySet(context.WithoutCancel(ctx), jwks),
		&oidc.Config{ClientID: cfg.Audience, Now: func() time.Time { return a.now() }})
	return a, nil
}

// Refusal is a credential that was presented and is not valid: HTTP 401.
type Refusal struct{ Reason string }

func (r *Refusal) Error() string { return r.Reason }

// Authenticate returns the caller a request's Authorization header stands for: anonymous without
// one, or a *Refusal for credentials that are invalid, expired or revoked.
func (a *Authenticator) Authenticate(ctx context.Context, header string) (samenspel.Caller, error) {
	if header == "" {
		return samenspel.Caller{Access: samenspel.Anonymous}, nil
	}
	scheme, cred, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(cred) == "" {
		return samenspel.Caller{}, &Refusal{"use the Authorization header as: Bearer <token or API key>"}
	}
	cred = strings.TrimSpace(cred)
	if strings.HasPrefix(cred, KeyPrefix) {
		return a.key(ctx, cred)
	}
	return a.token(ctx, cred)
}

func (a *Authenticator) key(ctx context.Context, secret string) (samenspel.Caller, error) {
	hash := HashKey(secret)
	k, ok := a.known.Get(hash)
	var err error
	if !ok {
		k, ok, err = a.keys.APIKeyByHash(ctx, hash)
		if err == nil && ok && k.Revoked == nil && k.Valid(a.now()) {
			a.known.Add(hash, k)
		}
	}
	switch {
	case err != nil:
		return samenspel.Caller{}, err
	case !ok:
		return samenspel.Caller{}, &Refusal{"unknown API key"}
	case k.Revoked != nil:
		return samenspel.Caller{}, &Refusal{"the API key was revoked"}
	case !k.Valid(a.now()):
		return samenspel.Caller{}, &Refusal{"the API key has expired"}
	}
	a.touch(k.ID)
	return samenspel.Caller{Access: k.Access, Organisation: k.Organisation, Subject: k.ID, Name: k.Name, Via: "apikey"}, nil
}

// touch records that a key was used, at most once a minute per key, without holding up the
// request.
// Forget drops the key with this id from the cache, so that a key revoked through this replica
// stops working at once (on other replicas within KeyCacheTTL).
func (a *Authenticator) Forget(id string) {
	for _, hash := range a.known.Keys() {
		if k, ok := a.known.Peek(hash); ok && k.ID == id {
			a.known.Remove(hash)
		}
	}
}

func (a *Authenticator) touch(id string) {
	now := a.now()
	a.mu.Lock()
	last, seen := a.touched[id]
	if seen && now.Sub(last) < time.Minute {
		a.mu.Unlock()
		return
	}
	a.touched[id] = now
	a.mu.Unlock()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := a.keys.TouchAPIKey(ctx, id, now); err != nil {
			a.log.Warn("could not record the use of an API key", "key", id, "err", err.Error())
		}
	}()
}

func (a *Authenticator) token(ctx context.Context, raw string) (samenspel.Caller, error) {
	if a.verifier == nil {
		return samenspel.Caller{}, &Refusal{"this service accepts API keys only: no token issuer is configured"}
	}
	tok, err := a.verifier.Verify(ctx, raw)
	if err != nil {
		var expired *oidc.TokenExpiredError
		if errors.As(err, &expired) {
			return samenspel.Caller{}, &Refusal{"the token has expired"}
		}
		return samenspel.Caller{}, &Refusal{"the token is not valid: " + strings.TrimPrefix(err.Error(), "oidc: ")}
	}
	var claims map[string]any
	if err := tok.Claims(&claims); err != nil {
		return samenspel.Caller{}, &Refusal{"the token's claims cannot be read"}
	}
	c := samenspel.Caller{Access: samenspel.Viewer, Subject: tok.Subject, Via: "token"}
	c.Organisation, _ = claims[a.cfg.OrgClaim].(string)
	c.Name, _ = claims["name"].(string)
	if c.Name == "" {
		c.Name, _ = claims["preferred_username"].(string)
	}
	if c.Name == "" {
		c.Name = tok.Subject
	}
	// A token may carry several roles; the first of admin, editor, analyst, viewer counts.
	var roles []string
	switch v := claims[a.cfg.RolesClaim].(type) {
	case string:
		roles = strings.Fields(v)
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				roles = append(roles, s)
			}
		}
	}
	for _, want := range []samenspel.Access{samenspel.Admin, samenspel.Editor, samenspel.Analyst, samenspel.Viewer} {
		for _, r := range roles {
			if r == string(want) {
				c.Access = want
				goto found
			}
		}
	}
found:
	if c.Organisation == "" && c.Is(samenspel.Viewer, samenspel.Editor) {
		return samenspel.Caller{}, &Refusal{fmt.Sprintf("the token names no organisation (claim %s)", a.cfg.OrgClaim)}
	}
	return c, nil
}

// Middleware authenticates every request and puts its caller in the context. Invalid credentials
// answer 401 with WWW-Authenticate; a store that cannot be reached, 503.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := a.Authenticate(r.Context(), r.Header.Get("Authorization"))
		var refusal *Refusal
		switch {
		case errors.As(err, &refusal):
			w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="samenspel", error="invalid_token", error_description=%q`, refusal.Reason))
			writeJSONError(w, http.StatusUnauthorized, "UNAUTHENTICATED", refusal.Reason)
			return
		case err != nil:
			a.log.WarnContext(r.Context(), "authentication failed", "err", err.Error())
			w.Header().Set("Retry-After", "2")
			writeJSONError(w, http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "the credentials could not be checked: the database cannot be reached")
			return
		}
		next.ServeHTTP(w, r.WithContext(samenspel.WithCaller(r.Context(), c)))
	})
}

// writeJSONError answers a GraphQL-shaped error.
func writeJSONError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}}})
}
