// Package filelock holds advisory locks on open files, which the kernel
// drops when their process ends: a journal in use, a results file still
// being written.
package filelock
