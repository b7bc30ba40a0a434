package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// The files under testdata are made by this file and committed:
//
//	go test ./importer/sheet -run TestFixtures -update
var update = flag.Bool("update", false, "rewrite the fixtures under testdata")

// TestFixtures rewrites the fixtures when -update is given; otherwise it
// checks that each one is there.
func TestFixtures(t *testing.T) {
	files := fixtureFiles(t)
	for name, content := range files {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("fixture %s missing (run with -update): %v", name, err)
		}
	}
}

// fixtureFiles returns every fixture's name and bytes.
func fixtureFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for name, text := range csvFixtures {
		files[name] = []byte(text)
	}
	files["utf16le_tab.txt"] = utf16Bytes("First name\tLast name\tDate of birth\r\n"+
		"Aino\tVirtanen\t12.05.1988\r\nÅsa\tLindqvist\t01.07.1992\r\n", binary.LittleEndian)
	files["utf16be.csv"] = utf16Bytes("first_name,last_name\nJohn,Carter\nZoë,Adams\n",
		binary.BigEndian)
	files["windows1252.csv"] = to1252(t, "Vorname;Nachname;Straße\r\n"+
		"Jürgen;Müller;Hauptstraße 5\r\nRenée;Weiß;Lindenallee 2\r\n")
	files["excelize.xlsx"] = excelizeWorkbook(t)
	files["handmade.xlsx"] = zipFiles(t, handmadeParts(t))
	files["truncated.xlsx"] = files["excelize.xlsx"][:len(files["excelize.xlsx"])*2/3]
	files["binary.xlsb"] = zipFiles(t, map[string]string{
		"[Content_Types].xml": "<Types/>", "xl/workbook.bin": "\x83\x01\x00",
	})
	files["calc.ods"] = zipFiles(t, map[string]string{
		"mimetype":    "application/vnd.oasis.opendocument.spreadsheet",
		"content.xml": "<office:document-content/>",
	})
	files["list.numbers"] = zipFiles(t, map[string]string{
		"Index/Document.iwa": "\x00", "Metadata/Properties.plist": "<plist/>",
	})
	files["old.xls"] = oleFile([]string{"Workbook", "\x05SummaryInformation"})
	files["encrypted.xlsx"] = oleFile([]string{"EncryptionInfo", "EncryptedPackage"})
	return files
}

// csvFixtures are the CSV fixtures that are plain UTF-8 text.
var csvFixtures = map[string]string{
	"utf8.csv": "first_name,last_name,sex,date_of_birth,email\n" +
		"Maria,Schmidt,f,1985-03-22,maria.schmidt@example.com\n" +
		"John,Carter,m,1979-11-02,john.carter@example.com\n",
	"utf8_bom_semicolon_crlf.csv": "\uFEFFVorname;Nachname;Geschlecht;Geburtsdatum;Telefon\r\n" +
		"Jürgen;Müller;männlich;22.03.1985;030 1234567\r\n" +
		"Anna;Weiß;weiblich;01.12.1990;0171 2345678\r\n",
	"sep_line.csv": "sep=;\r\nfirst_name;last_name;note\r\n" +
		"Maria;Schmidt;allergies: nuts, milk, eggs\r\nJohn;Carter;a, b, c\r\n",
	"pipe.csv": "first_name|last_name|height\nAino|Virtanen|168,5\nKalle|Mäki|181\n",
	"tab.tsv":  "first_name\tlast_name\tweight\nMaria\tSchmidt\t65\nJohn\tCarter\t82,4\n",
	"quoting.csv": "first_name,last_name,note,city\n" +
		"\"Maria, Anna\",Schmidt,\"She said \"\"hello\"\"\",Berlin\n" +
		"John,Carter,\"line one\nline two\",Boston\n" +
		"Aino,O\"Brien,5\" tall,Helsinki\r\n" +
		"Kalle,Mäki,,Espoo\n",
	"cr_only.csv": "first_name,last_name,note\rMaria,Schmidt,\"two\rlines\"\rJohn,Carter,x\r",
	"title_above.csv": "Patientenliste Praxis Beispiel;;;;\n" +
		"Stand: 01.03.2024;;;;\n;;;;\n" +
		"Vorname;Nachname;Geschlecht;Geburtsdatum;;;\n" +
		"Maria;Schmidt;w;22.03.1985;;;\n;;;;;;\n\n" +
		"Jürgen;Müller;m;01.01.1970;;;\n",
	"header_junk.csv": " \uFEFFfirst_name ,last\u00A0name,\u200Bsex\u200B," +
		"\" date_of_birth\u00A0\"\n" +
		"Maria,Schmidt,f,1985-03-22\n",
	"duplicate_header.csv": "Vorname,Nachname,vorname \nMaria,Schmidt,Maria\n",
	"ragged.csv": "first_name,last_name,sex\nMaria,Schmidt\n" +
		"John,Carter,m,extra\nAino,Virtanen,f,,\n",
	"truncated_quote.csv": "first_name,last_name,note\nMaria,Schmidt,ok\n" +
		"John,Carter,\"started but\nAino,Virtanen,fine\nKalle,Mäki,ok",
	"swallow.csv": "first_name,last_name,city\nMaria,\"Schmidt,Berlin\n" +
		"John,Carter,\"Boston\"\nAino,Virtanen,Helsinki\n",
	"one_column.csv": "first_name\nMaria\nJohn\n",
	"empty.csv":      "",
	"blank.csv":      "\uFEFF\r\n \r\n",
	"not_zip.xlsx":   "first_name,last_name\nMaria,Schmidt\n",
	"html_table.xls": "<html><body><table><tr><td>first_name</td></tr></table></body></html>\n",
	"binary.csv":     "\x00\x01\x02\x03\xff\xfe\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00",
}

// utf16Bytes encodes s as UTF-16 with a byte order mark.
func utf16Bytes(s string, order binary.ByteOrder) []byte {
	units := utf16.Encode([]rune("\uFEFF" + s))
	out := make([]byte, 2*len(units))
	for i, u := range units {
		order.PutUint16(out[2*i:], u)
	}
	return out
}

// to1252 encodes s as Windows-1252.
func to1252(t *testing.T, s string) []byte {
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// excelizeWorkbook writes a workbook as Excel would: shared strings, date
// cells with a custom and a built-in format, a phone number stored as a
// number, text with leading zeros, an empty row, and a second sheet.
func excelizeWorkbook(t *testing.T) []byte {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Patients"))
	customDate := "dd.mm.yyyy"
	dmy, err := f.NewStyle(&excelize.Style{CustomNumFmt: &customDate})
	must(err)
	mdy, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	sci, err := f.NewStyle(&excelize.Style{NumFmt: 11})
	must(err)
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	must(err)
	rows := [][]any{
		{"first_name", "last_name", "sex", "date_of_birth", "phone", "height", "member_no"},
		{"Maria", "Schmidt", 2, 31128, 4930123456789, 168.0, "00123"},
		{},
		{"John", "Carter", 1, 29161, 12025550143, 182.5, "00456", nil},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Patients", cell, &row))
	}
	must(f.SetCellStyle("Patients", "D2", "D2", dmy))
	must(f.SetCellStyle("Patients", "D4", "D4", mdy))
	must(f.SetCellStyle("Patients", "E2", "E4", sci))
	must(f.SetCellStyle("Patients", "G2", "G4", text))
	_, err = f.NewSheet("Other")
	must(err)
	must(f.SetSheetRow("Other", "A1", &[]any{"first_name", "last_name"}))
	must(f.SetSheetRow("Other", "A2", &[]any{"Kalle", "Mäki"}))
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

// zipFiles writes a zip archive of the given parts, in name order.
func zipFiles(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(parts) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

// oleFile writes a minimal OLE2 compound file (version 3, 512-byte
// sectors) whose root holds empty streams of the given names: enough for
// a reader of the directory, which is all the kind check looks at.
func oleFile(streams []string) []byte {
	const end, free, fatSect = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
	le := binary.LittleEndian
	out := make([]byte, 512*3)
	h := out[:512]
	copy(h, magicOLE)
	le.PutUint16(h[24:], 0x003E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1)    // FAT sectors
	le.PutUint32(h[48:], 1)    // first directory sector
	le.PutUint32(h[56:], 4096) // mini stream cutoff
	le.PutUint32(h[60:], end)  // first mini FAT sector
	le.PutUint32(h[68:], end)  // first DIFAT sector
	le.PutUint32(h[76:], 0)    // DIFAT[0]: the FAT is sector 0
	for i := 80; i < 512; i += 4 {
		le.PutUint32(h[i:], free)
	}
	fat := out[512:1024]
	for i := 0; i < 512; i += 4 {
		le.PutUint32(fat[i:], free)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], end)
	dir := out[1024:]
	entries := append([]string{"Root Entry"}, streams...)
	for i, name := range entries {
		e := dir[128*i : 128*(i+1)]
		units := utf16.Encode([]rune(name))
		for j, u := range units {
			le.PutUint16(e[2*j:], u)
		}
		le.PutUint16(e[64:], uint16(2*len(units)+2))
		e[66], e[67] = 2, 1 // stream, black
		le.PutUint32(e[68:], free)
		le.PutUint32(e[72:], free)
		le.PutUint32(e[76:], free)
		le.PutUint32(e[116:], end)
		if i == 0 {
			e[66] = 5 // root
			le.PutUint32(e[76:], 1)
		} else if i+1 < len(entries) {
			le.PutUint32(e[72:], uint32(i+1)) // right sibling
		}
	}
	for i := len(entries); i < 4; i++ {
		e := dir[128*i : 128*(i+1)]
		le.PutUint32(e[68:], free)
		le.PutUint32(e[72:], free)
		le.PutUint32(e[76:], free)
	}
	return out
}

// handmadeParts reads the parts of a workbook written by hand under
// testdata/handmade, as LibreOffice, Google Sheets or openpyxl write them:
// a hidden first sheet, the 1904 date system, a stale dimension, a title
// row merged across the top, a merged header cell, shared strings with
// rich text runs, inline strings (plain and rich), formulas with cached
// values (number, string, error), a boolean, an empty row, cells without
// references, styled empty rows at the end and a styled empty cell at the
// last address of the sheet. The map is fresh for the caller to change.
func handmadeParts(t testing.TB) map[string]string {
	t.Helper()
	root := filepath.Join("testdata", "handmade")
	parts := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		name, err := filepath.Rel(root, path)
		parts[filepath.ToSlash(name)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return parts
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// fixture returns the path of a committed fixture.
func fixture(name string) string { return filepath.Join("testdata", name) }

// writeTemp writes content to a file named name in a fresh temp dir.
func writeTemp(t testing.TB, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
