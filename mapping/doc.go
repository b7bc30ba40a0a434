// Package mapping decides which column of a patient list feeds which
// field of an Aniva profile, and turns each row into a [Profile] or into
// the rules it breaks.
//
// Columns are matched by [Auto] from their headers (English, German and
// Finnish, ignoring case, accents, spacing, punctuation and units), or
// named in a mapping file read by [LoadSpec]. [NewPlan] checks the
// choice against the header and refuses anything unsure with a
// *[ConfigError]. A [Plan] then reads a file in two passes: every row
// goes through [Plan.Observe], [Plan.Settle] decides what only a whole
// column tells (the order of its dates, whether heights are in metres),
// and [Plan.Map] converts rows, concurrently if wanted. Cell values are
// read by the functions of package normalize.
//
// Nothing here prints or logs, and no error or note quotes a patient
// value.
package mapping
