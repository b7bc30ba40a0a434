package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"aniva-import/importer"
	"aniva-import/importer/sheet"
	"aniva-import/mapping"
)

// runMapping prints the automatic mapping of a file as a mapping file that
// can be edited and passed back with --mapping.
func runMapping(args []string, io streams) int {
	var o importOptions
	fs := pflag.NewFlagSet("mapping", pflag.ContinueOnError)
	fs.StringVar(&o.sheet, "sheet", "", "XLSX sheet (default: the first visible one)")
	fs.StringVar(&o.encoding, "encoding", "", "CSV encoding (default: detected)")
	fs.StringVar(&o.delimiter, "delimiter", "", "CSV delimiter (default: detected)")
	if code, ok := parseFlags(fs, args, io, "aniva-import mapping FILE [flags] > mapping.yaml"); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return usageErr(io, "mapping takes one FILE, got %d (see --help)", fs.NArg())
	}
	opts, err := sheetOptions(&o)
	if err != nil {
		return usageErr(io, "%v", err)
	}
	opts.IsHeader = mapping.LooksLikeHeader
	r, err := sheet.Open(fs.Arg(0), opts)
	if err != nil {
		return usageErr(io, "%v", err)
	}
	header := importer.OwnColumns(r.Header())
	r.Close()
	spec, matches := mapping.Auto(header)
	if _, err := io.out.Write(spec.YAML(matches)); err != nil {
		fmt.Fprintf(io.err, "aniva-import: %v\n", err)
		return exitFailed
	}
	return exitOK
}
