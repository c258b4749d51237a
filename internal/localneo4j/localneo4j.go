// Package localneo4j runs a real Neo4j Community server on this machine without Docker.
//
// The server is Neo4j embedded in a tiny Java launcher (launcher/, built with Maven from Maven
// Central). The launcher's sources are embedded in this package, so any build of samenspel can
// set it up: Build copies them into a cache folder, runs `mvn package` once, and reuses the result
// until the sources change. Start picks a free port on 127.0.0.1, starts the launcher, and waits
// until Neo4j answers Bolt. Stop closes the launcher's standard input, which makes it shut the
// database down cleanly; the launcher also stops by itself when its parent dies.
package localneo4j

import (
	"bufio"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Version is the Neo4j version the launcher runs; it must match launcher/pom.xml.
const Version = "5.26.30"

//go:embed launcher/pom.xml launcher/src
var launcherSources embed.FS

// Options configure Start.
type Options struct {
	Home    string        // cache folder for the built launcher, e.g. ".neo4j"
	DataDir string        // Neo4j's data folder; created if missing
	Port    int           // 0 picks a free port
	Heap    string        // JVM -Xmx, e.g. "1g"; empty uses "1g"
	Timeout time.Duration // how long to wait for Bolt; 0 uses 3 minutes
	Log     *slog.Logger
}

// Instance is a running local Neo4j.
type Instance struct {
	URI  string
	cmd  *exec.Cmd
	in   io.WriteCloser
	done chan struct{}
	err  error // exit error, valid after done is closed
	once sync.Once
}

// Build makes sure the launcher is built in home and returns the Java class path to run it.
func Build(ctx context.Context, home string, log *slog.Logger) (string, error) {
	hash, err := sourcesHash()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(home, "launcher-"+hash[:12])
	jar := filepath.Join(dir, "target", "neo4j-launcher-1.jar")
	classpath := jar + string(os.PathListSeparator) + filepath.Join(dir, "target", "lib", "*")
	if _, err := os.Stat(filepath.Join(dir, "target", "BUILT")); err == nil {
		return classpath, nil
	}
	if _, err := exec.LookPath("mvn"); err != nil {
		return "", errors.New("neo4j launcher: Maven (mvn) is not installed; run `make deps` or install maven and a Java 17 JDK")
	}
	log.Info("building the local Neo4j launcher (first run only: Maven downloads Neo4j)", "neo4j", Version, "dir", dir)
	if err := fs.WalkDir(launcherSources, "launcher", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := launcherSources.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, strings.TrimPrefix(path, "launcher/"))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	}); err != nil {
		return "", fmt.Errorf("neo4j launcher: copy sources: %w", err)
	}
	cmd := exec.CommandContext(ctx, "mvn", "-B", "-q", "package")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("neo4j launcher: mvn package failed: %w\n%s", err, tail(out, 4000))
	}
	if err := os.WriteFile(filepath.Join(dir, "target", "BUILT"), []byte(Version+"\n"), 0o644); err != nil {
		return "", err
	}
	return classpath, nil
}

func sourcesHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(launcherSources, "launcher", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := launcherSources.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(data))
		h.Write(data)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// Start builds the launcher if needed, starts Neo4j and waits until it answers Bolt.
func Start(ctx context.Context, opts Options) (*Instance, error) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if _, err := exec.LookPath("java"); err != nil {
		return nil, errors.New("local neo4j: java is not installed; run `make deps` or install a Java 17 JDK")
	}
	classpath, err := Build(ctx, opts.Home, log)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opts.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("local neo4j: data dir: %w", err)
	}
	port := opts.Port
	if port == 0 {
		if port, err = freePort(); err != nil {
			return nil, fmt.Errorf("local neo4j: find a free port: %w", err)
		}
	}
	heap := opts.Heap
	if heap == "" {
		heap = "1g"
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 3 * time.Minute
	}

	cmd := exec.Command("java", "-Xmx"+heap, "-XX:+UseG1GC", "-cp", classpath, "samenspel.Launcher", opts.DataDir, strconv.Itoa(port))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	logFile, err := os.OpenFile(filepath.Join(opts.DataDir, "launcher.log"), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	cmd.Stderr = logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("local neo4j: start java: %w", err)
	}
	inst := &Instance{URI: fmt.Sprintf("bolt://127.0.0.1:%d", port), cmd: cmd, in: stdin, done: make(chan struct{})}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		signalled := false
		for sc.Scan() {
			if !signalled && strings.HasPrefix(sc.Text(), "READY ") {
				close(ready)
				signalled = true
			}
		}
	}()
	go func() {
		inst.err = cmd.Wait()
		logFile.Close()
		close(inst.done)
	}()

	select {
	case <-ready:
	case <-inst.done:
		return nil, fmt.Errorf("local neo4j: exited before it was ready (%v); see %s", inst.err, logFile.Name())
	case <-time.After(timeout):
		inst.Stop()
		return nil, fmt.Errorf("local neo4j: not ready after %s; see %s", timeout, logFile.Name())
	case <-ctx.Done():
		inst.Stop()
		return nil, ctx.Err()
	}
	if err := waitForPort(ctx, port, 30*time.Second); err != nil {
		inst.Stop()
		return nil, err
	}
	log.Info("local neo4j ready", "uri", inst.URI, "data", opts.DataDir, "startup", time.Since(start).Round(time.Millisecond).String())
	return inst, nil
}

// Stop shuts Neo4j down cleanly and waits for it, killing it after 60 seconds.
func (i *Instance) Stop() error {
	i.once.Do(func() { i.in.Close() })
	select {
	case <-i.done:
	case <-time.After(60 * time.Second):
		_ = i.cmd.Process.Kill()
		<-i.done
	}
	var exit *exec.ExitError
	if i.err != nil && !errors.As(i.err, &exit) {
		return i.err
	}
	return nil
}

// Kill ends Neo4j at once (SIGKILL), as a crash would, and waits for the process to exit. Its data
// folder is left as the crash left it; a new Start on it recovers.
func (i *Instance) Kill() {
	_ = i.cmd.Process.Kill()
	<-i.done
	i.once.Do(func() { i.in.Close() })
}

// Done is closed when the Neo4j process has exited.
func (i *Instance) Done() <-chan struct{} { return i.done }

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func waitForPort(ctx context.Context, port int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		c, err := (&net.Dialer{Timeout: time.Second}).DialContext(ctx, "tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("local neo4j: bolt port %d does not answer: %w", port, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// PID is the process id of the Neo4j process (for measuring its CPU).
func (i *Instance) PID() int { return i.cmd.Process.Pid }
