package results

// isFormulaStart reports whether a cell starting with b gets an
// apostrophe. A spreadsheet that opens a CSV file may run a cell as a
// formula when its text starts with =, +, -, @, a tab or a carriage return
// (OWASP, "CSV injection"). A line feed is harmless but included, because
// a reader may turn a lone carriage return into one, and the apostrophe
// must still come off.
func isFormulaStart(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return true
	}
	return false
}

// quoted reports whether cell is a run of apostrophes (possibly none)
// followed by a character that starts a formula. Those are the cells
// [escape] prefixes: the plain formula-like ones, and the ones that already
// begin with apostrophes, so that [Unescape] never strips an apostrophe that
// was part of the value.
func quoted(cell string) bool {
	i := 0
	for i < len(cell) && cell[i] == '\'' {
		i++
	}
	return i < len(cell) && isFormulaStart(cell[i])
}

// escape makes a CSV cell safe to open in a spreadsheet by putting an
// apostrophe before it when it could run as a formula.
func escape(cell string) string {
	if quoted(cell) {
		return "'" + cell
	}
	return cell
}

// Unescape undoes the protection a CSV results sheet puts on cells that a
// spreadsheet could run as formulas: it removes the leading apostrophe from
// a cell that continues with =, +, -, @, a tab, a carriage return or a line
// feed (or with further apostrophes and then one of those). Every other
// cell comes back unchanged, so Unescape(cell) gives the value the import
// saw, e.g. "'+4930123" gives "+4930123" and "'-12" gives "-12".
//
// Apply it to every cell, header included, read from a CSV results sheet.
// On other CSV files it changes only cells that begin with such an
// apostrophe, which other exporters use for the same protection. XLSX
// results hold their values verbatim as text cells and need no unescaping.
func Unescape(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && quoted(cell[1:]) {
		return cell[1:]
	}
	return cell
}
