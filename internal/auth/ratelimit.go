package auth

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Limits are token buckets per client address and per credential (API key or token subject).
type Limits struct {
	PerAddress    rate.Limit // requests per second per client address
	AddressBurst  int
	PerCredential rate.Limit // requests per second per API key or signed-in subject
	CredBurst     int
}

// DefaultLimits: 20 requests a second per address (bursts of 40), 50 per credential (bursts of 100).
var DefaultLimits = Limits{PerAddress: 20, AddressBurst: 40, PerCredential: 50, CredBurst: 100}

// Limiter applies Limits. Buckets not used for ten minutes are forgotten.
type Limiter struct {
	l       Limits
	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	used time.Time
}

// NewLimiter returns a limiter.
func NewLimiter(l Limits) *Limiter {
	return &Limiter{l: l, buckets: map[string]*bucket{}, swept: time.Now()}
}

func (l *Limiter) take(key string, r rate.Limit, burst int, now time.Time) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.used) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(r, burst)}
		l.buckets[key] = b
	}
	b.used = now
	res := b.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d, false
	}
	return 0, true
}

// PerAddress answers 429 with Retry-After once the client address has used its bucket. It runs
// before authentication, so that guessing credentials is limited too.
func (l *Limiter) PerAddress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			addr = r.RemoteAddr
		}
		if wait, ok := l.take("addr:"+addr, l.l.PerAddress, l.l.AddressBurst, time.Now()); !ok {
			tooMany(w, wait)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// PerCredential answers 429 with Retry-After once the caller's API key or signed-in subject has
// used its bucket; it runs after authentication.
func (l *Limiter) PerCredential(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c := samenspel.CallerIn(r.Context()); c.SignedIn() {
			if wait, ok := l.take("cred:"+c.Via+":"+c.Subject, l.l.PerCredential, l.l.CredBurst, time.Now()); !ok {
				tooMany(w, wait)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func tooMany(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
	writeJSONError(w, http.StatusTooManyRequests, "RATE_LIMITED", fmt.Sprintf("too many requests; try again in %s", wait.Round(time.Millisecond)))
}
