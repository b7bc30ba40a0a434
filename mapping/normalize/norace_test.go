//go:build !race

package normalize

// raceEnabled trims the slowest comparison tests under the race detector.
const raceEnabled = false
