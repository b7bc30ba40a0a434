// Package importer runs an import: it reads a patient list, maps each row to
// a profile request, creates the valid ones through the Aniva API and writes
// a results sheet in which every input row has its outcome.
//
// The pipeline has one shape. A reader streams rows in input order; mappers
// validate them; senders create profiles under one shared, adaptive rate
// limit; a single writer puts the outcomes back into input order and writes
// the results sheet. Every request is journaled before it is sent, so that a
// run that is killed can be resumed without creating anyone twice.
package importer

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"aniva-import/importer/api"
	"aniva-import/importer/sheet"
	"aniva-import/mapping"
)

// Creator creates one profile: one attempt, no retries. [api.Client] is the
// real one.
type Creator interface {
	Create(ctx context.Context, body []byte, idempotencyKey string) api.Result
}

// SandboxAPI is [Config.API] for the in-process sandbox: it listens on
// another port each run, so its URL would not name it.
const SandboxAPI = "sandbox"

// Config is everything a run needs. The zero value of each optional field
// means the documented default.
type Config struct {
	Input  string        // the patient list
	Out    string        // results sheet; "" is beside Input (see [DefaultOut])
	Sheet  sheet.Options // how to read Input where it cannot be told
	Spec   *mapping.Spec // nil means automatic mapping
	Map    mapping.Options
	DryRun bool // validate and write results; send nothing

	Client      Creator       // required unless DryRun
	Rate        float64       // requests per second; 0 is unlimited
	Concurrency int           // requests in flight; 0 is 4
	MaxAttempts int           // attempts for a row that was certainly not created; 0 is 6
	Backoff     time.Duration // first retry delay; 0 is 500ms

	// API names where Client sends: [SandboxAPI], or the endpoint's URL.
	// The journal records it, so that no run takes another API's outcomes
	// for its own. "" names none.
	API string

	Restart        bool     // set aside a journal that belongs to another input, mapping or API
	RetryUnknown   bool     // resend rows whose earlier request may have created a profile
	SkipDuplicates bool     // send only the first of rows that look like the same person
	Only           []string // process only rows whose earlier status is one of these
	BOM            bool     // write a CSV results sheet as UTF-8 with BOM

	// ServerErrorPause and ServerErrorStop bound a run of server errors in a
	// row: after the first count the pool pauses, after the second the run
	// stops with the rest pending. Zero means 5 and 20.
	ServerErrorPause int
	ServerErrorStop  int
	Pause            time.Duration // how long to pause; 0 is 30s

	Observer Observer
	Logger   *slog.Logger // nil discards
	Flags    []string     // the command line's flags, free of secrets, for the summary
	Mapping  string       // the mapping file's name, for the summary; "" is automatic
}

// Observer receives progress events. Its functions may be nil, and are
// called from several goroutines at once.
type Observer struct {
	// Planned reports the number of data rows, once the file was surveyed.
	Planned func(rows int)
	// Done reports that one row's outcome was decided.
	Done func(status string)
	// Retry reports that a row will be sent again after wait.
	Retry func(row, attempt int, wait time.Duration, cause string)
	// Warn reports something the operator should know; it holds no patient values.
	Warn func(msg string)
}

// Summary is what a run did.
type Summary struct {
	Rows       int
	Counts     map[string]int // rows per status
	CreatedNow int            // of the created rows, those this run's requests created
	// InSandbox counts, in a dry run, the created rows whose profiles the
	// sandbox made: a real run sends them.
	InSandbox int
	// LeftOut counts the rows --only left as they were, created ones aside.
	LeftOut     int
	Out         string   // the results sheet
	Journal     string   // the journal, "" in a dry run
	Notes       []string // what the mapping decided, for the operator
	Interrupted bool     // the context ended before every row was sent
	Stopped     error    // why the run stopped early, when it did
	Started     time.Time
	Finished    time.Time
}

// SetupError reports a problem found before anything was sent: the file,
// the mapping or the flags need changing. Nothing was sent.
type SetupError struct{ Err error }

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

func setupErr(err error) error {
	if err == nil {
		return nil
	}
	var se *SetupError
	if errors.As(err, &se) {
		return err
	}
	return &SetupError{Err: err}
}

// ErrFatal marks a run stopped before every row was sent, for a cause that
// concerns every row: the key was refused or lacks the scope, the API could
// not be reached, or it kept failing. The rows not sent are pending.
var ErrFatal = errors.New("the run stopped")
