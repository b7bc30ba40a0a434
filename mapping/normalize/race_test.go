//go:build race

package normalize

// raceEnabled trims the slowest comparison tests under the race detector,
// which makes the library's regular expressions about ten times slower.
const raceEnabled = true
