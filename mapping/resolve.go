package mapping

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"aniva-import/mapping/normalize"
)

// resolveNames decides how names are read: from their own columns, or by
// splitting one whole-name column.
func (b *planner) resolveNames() {
	p := b.p
	if s := p.src[FieldName]; s != nil {
		p.split = true
		p.note("column %s is split into first_name and last_name", p.colName(s.col))
		return
	}
	last, first := p.src[FieldLastName], p.src[FieldFirstName]
	if a := b.spec.auto; a != nil && a.nameAsLast && last != nil && first != nil {
		p.note("column %s is read as last_name, beside the first names in column %s",
			p.colName(last.col), p.colName(first.col))
	}
}

// resolvePersonalID decides which fields a personal identity code feeds:
// sex and date_of_birth, where they have no source of their own.
func (b *planner) resolvePersonalID() {
	p := b.p
	s := p.src[FieldPersonalID]
	if s == nil {
		return
	}
	for _, f := range []string{FieldSex, FieldDOB} {
		if p.src[f] == nil && !b.failed(f) {
			p.fromID = append(p.fromID, f)
		}
	}
	if p.fromID == nil {
		// Still read: a code that disagrees with the row's own columns
		// shows that one of them is wrong, which a clinic must hear.
		p.note("column %s (personal identity code) is checked against the sex and "+
			"date_of_birth columns and fills their empty cells; the code itself is never sent",
			p.colName(s.col))
		return
	}
	also := ""
	if len(p.fromID) == 1 {
		other := FieldSex
		if p.fromID[0] == FieldSex {
			other = FieldDOB
		}
		also = fmt.Sprintf("; it also fills the empty cells of the %s column and checks the others",
			other)
	}
	p.note("%s taken from column %s (personal identity code, check character "+
		"verified; the code itself is never sent)%s", strings.Join(p.fromID, " and "),
		p.colName(s.col), also)
}

// failed reports whether field was mapped but could not be used, so that
// it is not reported missing as well.
func (b *planner) failed(field string) bool {
	_, mapped := b.spec.Fields[field]
	if a := b.spec.auto; a != nil && a.ambiguous[field] != nil {
		return true
	}
	return mapped && b.p.src[field] == nil
}

// checkRequired reports required fields that have no source, naming the
// headers that come closest.
func (b *planner) checkRequired() {
	p := b.p
	var absent []string
	for _, field := range []string{FieldFirstName, FieldSex, FieldDOB, FieldGroup} {
		has := p.src[field] != nil || contains(p.fromID, field) ||
			(field == FieldFirstName && p.split) ||
			(field == FieldGroup && p.opts.Group != "")
		if !has && !b.failed(field) {
			absent = append(absent, field)
		}
	}
	if len(absent) > 0 && rowLooksLikeData(p.header) {
		b.noHeaderRow(absent)
	} else {
		for _, field := range absent {
			b.missing(field)
		}
	}
	if g := p.src[FieldGroup]; g != nil && g.value == "" {
		g.value = p.opts.Group
	} else if g == nil && p.opts.Group != "" {
		p.src[FieldGroup] = &source{field: FieldGroup, col: -1, value: p.opts.Group}
	}
}

// missing reports a required field without a source.
func (b *planner) missing(field string) {
	targets := append([]string{field}, aliases[field]...)
	switch field {
	case FieldFirstName:
		targets = append(targets, aliases[FieldName]...)
	case FieldSex, FieldDOB:
		targets = append(targets, aliases[FieldPersonalID]...)
	}
	unused := b.p.unusedHeaders()
	names := withoutValues(unused)
	var seen string
	switch near := closest(names, targets, 3); {
	case holdsValues(b.p.header):
		// A header row holds no e-mail address or date: this is a patient,
		// and the cells beside those are their names.
		seen = "the first row holds values such as dates, e-mail addresses or phone " +
			"numbers, so its cells are not shown: if the file has no header row, add one"
	case !namesAField(b.p.header) && countNonBlank(b.p.header) > 0:
		// Without a header row, the first patient's names would be quoted.
		seen = "the first row names no known column, so its cells are not shown: " +
			"if the file has no header row, add one"
	case len(near) > 0:
		seen = "closest headers: " + quoteList(near)
	case len(names) > 0:
		seen = "headers: " + quoteList(names[:min(len(names), 8)])
	case len(unused) > 0:
		seen = "no other header reads as a column name"
	case countNonBlank(b.p.header) > 0:
		seen = "every header already feeds another field"
	default:
		seen = "no headers"
	}
	group := field == FieldGroup
	switch {
	case b.spec.file != "" && group:
		b.addf("%s: profile_group_slug is not mapped and there is no --group (%s); "+
			"pass --group SLUG, or add a column or value to the mapping file", b.spec.file, seen)
	case b.spec.file != "":
		b.addf("%s: %s is not mapped (%s); add it to the mapping file", b.spec.file, field, seen)
	case group:
		b.addf("profile_group_slug: no column found and no --group (%s); pass --group SLUG, "+
			"or name a column in a mapping file (aniva-import mapping FILE prints one to edit)",
			seen)
	default:
		b.addf("%s: no column found (%s); name the column in a mapping file "+
			"(aniva-import mapping FILE prints one to edit)", field, seen)
	}
}

// unusedHeaders lists the non-empty headers that feed no field.
func (p *Plan) unusedHeaders() []string {
	used := map[int]bool{}
	for _, s := range p.src {
		used[s.col] = true
	}
	var out []string
	for i, h := range p.header {
		if !used[i] && strings.TrimSpace(h) != "" {
			out = append(out, h)
		}
	}
	return out
}

// noHeaderRow reports required fields without a source when the header
// is a row of data: its cells are a patient's values, so they are not
// quoted, and a mapping file would not help, as the row would still be
// taken for the header and its patient not imported.
func (b *planner) noHeaderRow(absent []string) {
	msg := fmt.Sprintf("%s: no column found: the first row matched no known column "+
		"name and looks like data (dates, e-mail addresses or phone numbers), so the "+
		"file probably has no header row; add one naming the columns (see \"Automatic "+
		"matching\" in README.md); otherwise its first patient is read as the header and "+
		"not imported", strings.Join(absent, ", "))
	if contains(absent, FieldGroup) {
		msg += "; profile_group_slug also needs a column or --group SLUG"
	}
	b.addf("%s", msg)
}

// rowLooksLikeData reports whether a header row reads as a row of values:
// none of its cells names a field and some cell looks like a value.
func rowLooksLikeData(row []string) bool {
	return !namesAField(row) && slices.ContainsFunc(row, looksLikeValue)
}

// holdsValues reports whether a header row has a cell that reads as a
// value and no cell that names a field outright (only partly, as a
// clinic's slug does "Clinic"): then it is likely a row of patient data,
// and none of its cells is quoted anywhere.
func holdsValues(row []string) bool {
	return slices.ContainsFunc(row, looksLikeValue) && !slices.ContainsFunc(row, func(c string) bool {
		f, conf := classify(c)
		return f != "" && conf != Partial
	})
}

// namesAField reports whether some cell of a header row names a field.
func namesAField(row []string) bool {
	return slices.ContainsFunc(row, func(c string) bool {
		f, _ := classify(c)
		return f != ""
	})
}

// looksLikeValue reports whether a cell reads as a value rather than a
// column name: an e-mail address, or mostly digits, as dates, phone
// numbers and identity codes are. Such a cell is never quoted in a
// message, since it may be a patient's.
func looksLikeValue(cell string) bool {
	if strings.Contains(cell, "@") {
		return true
	}
	digits, other := 0, 0
	for _, r := range cell {
		switch {
		case '0' <= r && r <= '9':
			digits++
		case !unicode.IsSpace(r):
			other++
		}
	}
	return digits >= 3 && digits > other
}

// withoutValues is headers without the cells that look like values.
func withoutValues(headers []string) []string {
	var out []string
	for _, h := range headers {
		if !looksLikeValue(h) {
			out = append(out, h)
		}
	}
	return out
}

func countNonBlank(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// closest returns up to n of headers that look most like any of targets.
// Cells that look like values are left out: they are no column's name,
// and may be a patient's.
func closest(headers, targets []string, n int) []string {
	type scored struct {
		h     string
		score float64
	}
	var list []scored
	for _, h := range withoutValues(headers) {
		best := 0.0
		for _, t := range targets {
			best = max(best, similarity(headerKey(h), headerKey(t)))
		}
		if best >= 0.5 {
			list = append(list, scored{h, best})
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].score > list[j].score })
	out := make([]string, 0, n)
	for i := 0; i < len(list) && i < n; i++ {
		out = append(out, list[i].h)
	}
	return out
}

// similarity scores two header keys from 0 (unlike) to 1 (equal).
func similarity(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	if a == b {
		return 1
	}
	if len(a) >= 3 && len(b) >= 3 && (strings.Contains(a, b) || strings.Contains(b, a)) {
		return 0.8
	}
	ra, rb := []rune(a), []rune(b)
	return 1 - float64(levenshtein(ra, rb))/float64(max(len(ra), len(rb)))
}

// levenshtein is the edit distance between a and b.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// rules settles how dates, phones and measures are read, as far as the
// header and the options allow; [Plan.Settle] does the rest.
func (b *planner) rules() {
	p := b.p
	if s := p.src[FieldPhone]; s != nil {
		p.region = b.spec.Fields[FieldPhone].Region
		if p.region == "" {
			p.region = p.opts.PhoneRegion
		}
		if p.region != "" {
			p.note("phone numbers without a country code are read as %s numbers", p.region)
		}
	}
	if s := p.src[FieldDOB]; s != nil {
		b.dateRule(s)
	}
	if s := p.src[FieldSex]; s != nil {
		// What marks a list as Finnish before its values are seen; the
		// values may too (see sexRule).
		p.sex.finnish = headerKey(s.header) == headerKey("Sukupuoli") ||
			p.src[FieldPersonalID] != nil
	}
	p.height = b.measureRule(FieldHeight)
	p.weight = b.measureRule(FieldWeight)
}

// dateRule sets how date_of_birth is read: a layout, a stated order, or
// an order the column's values must settle.
func (b *planner) dateRule(s *source) {
	p, fs := b.p, b.spec.Fields[FieldDOB]
	switch {
	case fs.Layout != "":
		layout, short, err := goLayout(fs.Layout)
		if err != nil {
			b.addf("%sdate_of_birth: %v", b.at(FieldDOB, ""), err)
		}
		p.dob.layout, p.dob.short, p.dob.written = layout, short, fs.Layout
	case fs.DateOrder != normalize.OrderUnknown:
		p.dob.order = fs.DateOrder
	case p.opts.DateOrder != normalize.OrderUnknown:
		p.dob.order = p.opts.DateOrder
		if s.col >= 0 {
			p.note("dates in column %s are read as %s (--date-order)",
				p.colName(s.col), orderName(p.dob.order))
		}
	default:
		p.dob.observe = s.col >= 0
	}
}

// measureRule sets the unit a height or weight column is read in: the
// mapping file's, the header's, or (height only) metres when every value
// turns out to lie between 0.5 and 2.5.
func (b *planner) measureRule(field string) measureRule {
	p := b.p
	s := p.src[field]
	if s == nil {
		return measureRule{}
	}
	inHeader := normalize.UnitNone
	if s.col >= 0 {
		inHeader = headerUnit(s.header, field)
	}
	u := b.spec.Fields[field].Unit
	if u == normalize.UnitNone {
		u = inHeader
	}
	switch {
	case u == normalize.UnitNone:
		return measureRule{detect: field == FieldHeight && s.col >= 0}
	case u == inHeader:
		p.note("%s in column %s is read in %s, as its header says",
			field, p.colName(s.col), unitWord(u))
	}
	return measureRule{unit: u}
}

// checkConstants reads every constant and fallback value once, so that a
// value the API would refuse stops the run before any row is sent.
func (b *planner) checkConstants() {
	p := b.p
	for _, field := range specFields {
		s := p.src[field]
		if s == nil || s.value == "" {
			continue
		}
		var prof Profile
		var errs []FieldError
		p.read(s, s.value, &prof, &errs)
		for _, e := range errs {
			if field == FieldGroup && b.spec.Fields[field].Value == "" {
				continue // --group was checked with the options
			}
			b.addf("%s%s: value %q: %s", b.at(field, "value"), field, s.value, e.Rule)
		}
	}
}

// note adds a line for the run summary.
func (p *Plan) note(format string, args ...any) {
	p.notes = append(p.notes, fmt.Sprintf(format, args...))
}
