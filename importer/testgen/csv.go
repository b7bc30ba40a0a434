package testgen

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Write writes a CSV patient list to w in the dialect's delimiter, encoding
// and line endings. It streams: memory stays flat whatever opts.Rows is. w is
// not closed.
func Write(w io.Writer, opts Options) error {
	g, err := New(opts)
	if err != nil {
		return err
	}
	return g.WriteCSV(w)
}

// WriteCSV writes the generator's rows to w as CSV; see [Write].
func (g *Generator) WriteCSV(w io.Writer) error {
	buf := bufio.NewWriterSize(w, 64<<10)
	out := io.Writer(buf)
	var enc io.WriteCloser
	if g.d.windows1252 {
		enc = transform.NewWriter(buf, charmap.Windows1252.NewEncoder())
		out = enc
	}
	if g.d.bom {
		if _, err := buf.WriteString("\ufeff"); err != nil {
			return fmt.Errorf("write csv header: %w", err)
		}
	}
	cw := csv.NewWriter(out)
	cw.Comma, cw.UseCRLF = g.d.comma, g.d.crlf
	if err := cw.Write(g.d.header[:]); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	record := make([]string, NumColumns)
	for i := range g.opts.Rows {
		row := g.Row(i)
		for c := range record {
			record[c] = row.Cells[c].Text
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("write csv line %d: %w", row.Line, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if enc != nil {
		if err := enc.Close(); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	return buf.Flush()
}
