package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/samenspel/samenspel/internal/analytics"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// The collaboration network: computed by at most Options.Workers analyses at a time, once per
// filter however many requests ask for it at once (a single flight), and cached per filter and
// data version.

type cached struct {
	version int64
	net     Network
}

// maxCached bounds the cache; when full it starts afresh.
const maxCached = 64

// NetworkFilter selects the opgaven and roles of a collaboration network.
type NetworkFilter struct {
	Themes        []string
	AreaGemeenten []string // nil: anywhere
	OpgaveID      string
	At            samenspel.Date
}

// key is the cache key: the themes, the gemeenten the area stands for (not how it was asked: a
// region stands for other gemeenten on another date), the opgave and the date.
func (f NetworkFilter) key() string {
	themes := append([]string(nil), f.Themes...)
	sort.Strings(themes)
	area := "anywhere"
	if f.AreaGemeenten != nil {
		gs := append([]string(nil), f.AreaGemeenten...)
		sort.Strings(gs)
		sum := sha256.Sum256([]byte(strings.Join(gs, ",")))
		area = hex.EncodeToString(sum[:8])
	}
	return strings.Join([]string{strings.Join(themes, ","), area, f.OpgaveID, f.At.String()}, "|")
}

// Network is an analysed collaboration network.
type Network struct {
	analytics.Result
	Organisations map[string]samenspel.Organisation
	Compute       time.Duration
	Cached        bool
}

// flight is one analysis in progress: the requests waiting for it, and a way to stop it when
// the last of them has gone.
type flight struct {
	done    chan struct{}
	net     Network
	err     error
	waiters int
	cancel  context.CancelFunc
}

// Network returns the analysed collaboration network for f, from the cache when no write has
// happened since it was computed. Requests for the same filter share one analysis; a request
// whose context ends stops waiting at once, and the analysis stops when nobody waits for it.
func (s *Service) Network(ctx context.Context, f NetworkFilter) (Network, error) {
	version, err := s.store.DataVersion(ctx)
	if err != nil {
		return Network{}, err
	}
	key := f.key()
	s.mu.Lock()
	if c, ok := s.cache[key]; ok && c.version == version {
		s.mu.Unlock()
		s.hits.Add(1)
		n := c.net
		n.Cached, n.Compute = true, 0
		return n, nil
	}
	fkey := key + "@" + strconv.FormatInt(version, 10)
	fl, ok := s.flights[fkey]
	if !ok {
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.timeout)
		fl = &flight{done: make(chan struct{}), cancel: cancel}
		s.flights[fkey] = fl
		go s.analyse(actx, fl, fkey, key, version, f)
	}
	fl.waiters++
	s.mu.Unlock()
	s.misses.Add(1)

	select {
	case <-fl.done:
		s.leave(fl, fkey)
		return fl.net, fl.err
	case <-ctx.Done():
		s.leave(fl, fkey)
		if errors.Is(ctx.Err(), context.Canceled) {
			return Network{}, samenspel.ErrCanceled
		}
		return Network{}, samenspel.ErrDeadline
	}
}

// leave drops one waiter; the last one to leave an unfinished analysis stops it, and takes it out
// of the flights, so that a request arriving later starts a fresh one instead of joining one that
// is being stopped.
func (s *Service) leave(fl *flight, fkey string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fl.waiters--
	if fl.waiters == 0 {
		fl.cancel()
		if s.flights[fkey] == fl {
			delete(s.flights, fkey)
		}
	}
}

func (s *Service) analyse(ctx context.Context, fl *flight, fkey, key string, version int64, f NetworkFilter) {
	defer func() {
		s.mu.Lock()
		if s.flights[fkey] == fl {
			delete(s.flights, fkey)
		}
		if fl.err == nil {
			if len(s.cache) >= maxCached {
				s.cache = map[string]cached{}
			}
			s.cache[key] = cached{version: version, net: fl.net}
		}
		s.mu.Unlock()
		fl.cancel()
		close(fl.done)
	}()
	if err := s.workers.Acquire(ctx, 1); err != nil {
		fl.err = stopped(ctx)
		return
	}
	defer s.workers.Release(1)
	opgaven, orgs, err := s.store.Collaboration(ctx, samenspel.CollaborationFilter{Themes: f.Themes, AreaGemeenten: f.AreaGemeenten, OpgaveID: f.OpgaveID, At: f.At})
	if err != nil {
		fl.err = err
		return
	}
	start := time.Now()
	res, err := analytics.Analyse(ctx, orgs, analytics.BuildEdges(opgaven), 1)
	if err != nil {
		fl.err = stopped(ctx)
		return
	}
	n := Network{Result: res, Compute: time.Since(start)}
	if n.Organisations, err = s.store.OrganisationsByID(ctx, orgs); err != nil {
		fl.err = err
		return
	}
	fl.net = n
}

// stopped is the error of an analysis whose context ended: its own timeout, or nobody waiting.
func stopped(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return samenspel.ErrDeadline
	}
	return samenspel.ErrCanceled
}

// WeakLinks ranks partner pairs with low or no trust (see samenspel.RankWeakLinks), from the same
// cached network as collaborationNetwork (today, no filter). With orgID set, only pairs that
// include that organisation are considered.
func (s *Service) WeakLinks(ctx context.Context, orgID string, minShared int, maxTrust float64, first int) ([]samenspel.WeakLink, error) {
	if minShared < 1 {
		return nil, samenspel.Invalidf("minSharedOpgaven", "must be at least 1, got %d", minShared)
	}
	if maxTrust < 1 || maxTrust > 5 {
		return nil, samenspel.Invalidf("maxTrust", "must be from 1 to 5, got %v", maxTrust)
	}
	n, err := s.Network(ctx, NetworkFilter{At: samenspel.TodayIn(ctx)})
	if err != nil {
		return nil, err
	}
	var pairs []samenspel.SharedPair
	for _, e := range n.Edges {
		if orgID == "" || e.A == orgID || e.B == orgID {
			pairs = append(pairs, samenspel.SharedPair{Pair: samenspel.Pair{A: e.A, B: e.B}, Shared: e.SharedOpgaven})
		}
	}
	var ids []string
	if orgID != "" {
		ids = []string{orgID}
		for _, p := range pairs {
			ids = append(ids, p.Pair.A, p.Pair.B)
		}
	}
	as, err := s.store.TrustAmong(ctx, ids, "")
	if err != nil {
		return nil, err
	}
	links := samenspel.RankWeakLinks(pairs, samenspel.Latest(as), minShared, maxTrust, first)
	var shown []samenspel.TrustAssessment
	for _, l := range links {
		for _, a := range []*samenspel.TrustAssessment{l.AToB, l.BToA} {
			if a != nil {
				shown = append(shown, *a)
			}
		}
	}
	return links, s.auditAssessments(ctx, shown)
}
