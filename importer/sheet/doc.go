// Package sheet reads patient lists, CSV or XLSX, as a stream of rows.
//
// [Open] tells the kind of a file from its content, not its name, settles
// how it was written, finds the header row and then yields the data rows
// one at a time, so memory does not grow with the file.
//
// # What is detected, and what overrides it
//
//   - Kind: XLSX by its zip signature and workbook part, CSV for text.
//     .xls, .xlsb, .ods, .numbers, encrypted workbooks, HTML or XML saved
//     as .xls, damaged zips and binary files are refused with
//     [ErrUnsupported] and advice to save as XLSX or CSV.
//   - CSV encoding (Options.Encoding, flag --encoding): a BOM, else the zero
//     bytes of UTF-16, else UTF-8 if the first 64 KiB are mostly valid
//     UTF-8, else Windows-1252. A later cell that is not valid UTF-8 in a
//     UTF-8 file is read as Windows-1252 on its own.
//   - CSV delimiter (Options.Delimiter, flag --delimiter): Excel's "sep=X"
//     first line, else whichever of comma, semicolon, tab and pipe splits
//     the first 20 records most evenly; none or a tie is [ErrUndecidable].
//   - CSV line endings: CRLF, LF and lone CR alike.
//   - XLSX sheet (Options.Sheet, flag --sheet): the first visible sheet.
//   - XLSX date system: [Format.Date1904] from the workbook.
//   - Header row (Options.IsHeader): the first of the top 20 non-blank rows
//     that IsHeader accepts, else the first with two or more values and
//     not much narrower than the widest; rows above it are skipped.
//
// # Errors
//
// Every error from Open concerns the input file or the options and is a
// usage error: the file is of a kind this package cannot read
// ([ErrUnsupported]), something cannot be told without a flag
// ([ErrUndecidable]), there is no header ([ErrNoHeader]), two columns share
// a header ([ErrDuplicateHeader]), or the file cannot be opened at all.
//
// A [*RowError] from [Reader.Next] is the failure of one row, which the
// caller records for that row before reading on. In CSV it comes from an
// unbalanced quote ([ErrUnterminatedQuote]): encoding/csv, told to be lazy
// about quotes, would otherwise glue the rows after such a quote into one
// cell without a word. A quoted cell that runs to the end of the file, or
// whose later lines hold as many delimiters as a whole row, fails its row,
// and reading restarts on the line after the quote, so the rows it had
// swallowed are read. Any other error from Next ends the reading.
//
// The package never prints and holds no global state. A [Reader] is used
// by one goroutine; the rows it returns may be handed to others.
package sheet
