package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/richardlehane/mscfb"
)

// sniffSize is how much of a file is looked at to tell its kind, encoding
// and delimiter.
const sniffSize = 64 << 10

// saveAs is the advice every unsupported-file error ends with.
const saveAs = "open it in Excel or LibreOffice and save it as XLSX or CSV"

var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// unsupported builds the one-line error for a file that cannot be read.
func unsupported(path, what, todo string) error {
	return fmt.Errorf("%s: %w: %s; %s", path, ErrUnsupported, what, todo)
}

// directoryError explains a folder given as the input; an Apple Numbers
// document is often such a folder.
func directoryError(path string) error {
	if strings.EqualFold(filepath.Ext(strings.TrimRight(path, `/\`)), ".numbers") {
		return unsupported(path, "an Apple Numbers document",
			"in Numbers choose File > Export To > Excel or CSV")
	}
	return unsupported(path, "a folder, not a file", "name the CSV or XLSX file itself")
}

// detect tells CSV from XLSX by the file's first bytes, and explains every
// other kind. f is the open file, head its first bytes.
func detect(path string, f *os.File, head []byte) (Kind, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case len(head) == 0:
		return 0, fmt.Errorf("%s: %w: the file is empty", path, ErrNoHeader)
	case bytes.HasPrefix(head, magicZip), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return XLSX, checkZip(path, f)
	case bytes.HasPrefix(head, magicOLE):
		return 0, explainOLE(path, f)
	}
	if what := binaryKind(head); what != "" {
		return 0, unsupported(path, what, saveAs)
	}
	if what := markupKind(head); what != "" {
		return 0, unsupported(path, what, saveAs)
	}
	// Text under another spreadsheet name (web applications save CSV as
	// .xls) is read as CSV; a file named like XLSX must be a zip archive.
	switch ext {
	case ".xlsx", ".xlsm", ".xltx", ".xltm":
		return 0, unsupported(path, "named "+ext+" but not a zip archive as XLSX files are "+
			"(damaged, or text renamed)", "if it is CSV text, rename it to .csv; else "+saveAs)
	}
	return CSV, nil
}

// binaryKind names a few well-known binary formats from their magic bytes.
func binaryKind(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "a PDF document"
	case bytes.HasPrefix(head, []byte{0x1F, 0x8B}):
		return "a gzip archive"
	case bytes.HasPrefix(head, []byte("{\\rtf")):
		return "an RTF document"
	case bytes.HasPrefix(head, []byte{0x09, 0x08}) && len(head) > 4 && head[3] == 0:
		return "an Excel 2.x-95 workbook (.xls)"
	}
	return ""
}

// markupKind recognises HTML tables and Excel 2003 XML spreadsheets, which
// web applications like to save under an .xls name.
func markupKind(head []byte) string {
	s := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(s) == 0 || s[0] != '<' {
		return ""
	}
	low := bytes.ToLower(s[:min(len(s), 4096)])
	switch {
	case bytes.Contains(low, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return "an Excel 2003 XML spreadsheet"
	case bytes.Contains(low, []byte("<html")), bytes.Contains(low, []byte("<table")):
		return "an HTML page or table, not a spreadsheet file"
	}
	return ""
}

// checkZip reads a zip archive's directory and accepts it only when it
// holds an XLSX workbook.
func checkZip(path string, f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	zr, err := zip.NewReader(f, fi.Size())
	if err != nil {
		return unsupported(path, "a damaged or truncated zip archive (XLSX files are zip archives)",
			"get a complete copy, or "+saveAs)
	}
	names := make(map[string]*zip.File, len(zr.File))
	for _, zf := range zr.File {
		if !plausibleSize(zf) {
			return unsupported(path, "a damaged zip archive (a part claims a size it cannot "+
				"have)", "get a complete copy, or "+saveAs)
		}
		names[strings.ToLower(zf.Name)] = zf
	}
	switch {
	case names["xl/workbook.xml"] != nil:
		return nil
	case names["xl/workbook.bin"] != nil:
		return unsupported(path, "an Excel binary workbook (.xlsb)", saveAs)
	case isODS(names["mimetype"]) || names["content.xml"] != nil:
		return unsupported(path, "an OpenDocument spreadsheet (.ods)", saveAs)
	case names["index/document.iwa"] != nil || names["index.zip"] != nil:
		return unsupported(path, "an Apple Numbers document",
			"in Numbers choose File > Export To > Excel or CSV")
	case names["word/document.xml"] != nil:
		return unsupported(path, "a Word document", "export the table as XLSX or CSV")
	}
	return unsupported(path, "a zip archive that holds no Excel workbook",
		"unpack it, or "+saveAs)
}

// plausibleSize tells whether a zip entry's claimed size could be true.
// excelize allocates each part's claimed size up front, so a damaged
// directory claiming gigabytes must be refused before it gets there.
// Deflate cannot shrink data more than about 1032 times.
func plausibleSize(zf *zip.File) bool {
	if zf.Method == zip.Store {
		return zf.UncompressedSize64 == zf.CompressedSize64
	}
	return zf.UncompressedSize64 <= 1100*zf.CompressedSize64+4096
}

// isODS tells whether a zip entry is an OpenDocument mimetype file naming a
// spreadsheet.
func isODS(zf *zip.File) bool {
	if zf == nil {
		return false
	}
	rc, err := zf.Open()
	if err != nil {
		return false
	}
	defer func() { _ = rc.Close() }()
	b, _ := io.ReadAll(io.LimitReader(rc, 200))
	return bytes.Contains(b, []byte("opendocument.spreadsheet"))
}

// explainOLE tells an encrypted workbook from an old .xls or some other
// OLE2 compound file by the names of the streams inside.
func explainOLE(path string, f *os.File) (err error) {
	defer func() {
		// mscfb parses hostile input; a panic there must not end the run.
		if recover() != nil {
			err = unsupported(path, "a damaged Office 97-2003 (OLE2) file", saveAs)
		}
	}()
	doc, err := mscfb.New(f)
	if err != nil {
		return unsupported(path, "a damaged Office 97-2003 (OLE2) file", saveAs)
	}
	var hasBook, hasWord bool
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		switch entry.Name {
		case "EncryptedPackage", "EncryptionInfo":
			return unsupported(path, "a password-protected (encrypted) workbook",
				"open it with its password, remove the password and save it as XLSX or CSV")
		case "Workbook", "Book":
			hasBook = true
		case "WordDocument":
			hasWord = true
		}
	}
	switch {
	case hasBook:
		return unsupported(path, "an Excel 97-2003 workbook (.xls)", saveAs)
	case hasWord:
		return unsupported(path, "a Word 97-2003 document", "export the table as XLSX or CSV")
	}
	return unsupported(path, "an Office 97-2003 (OLE2) file that is not a workbook", saveAs)
}
