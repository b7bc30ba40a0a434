//go:build !unix

package main

import "os"

// maxRSSMB is unknown where there is no rusage.
func maxRSSMB(*os.ProcessState) float64 { return 0 }
