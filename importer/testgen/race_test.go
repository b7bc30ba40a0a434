//go:build race

package testgen

// raceEnabled is true under the race detector, which makes the heap and
// the clock say little about the code itself.
const raceEnabled = true
