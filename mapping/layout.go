package mapping

import (
	"fmt"
	"strings"
	"time"
)

// strftime maps the strftime-like directives a mapping file may use to
// Go's layout elements.
var strftime = map[byte]string{
	'd': "02", 'e': "2", 'm': "01", 'Y': "2006", 'y': "06",
	'b': "Jan", 'B': "January", '%': "%",
}

// goLayout turns a mapping file's date layout into a Go layout and checks
// that it holds a day, a month and a year. A layout with a % is read as
// strftime-like (%d %e %m %Y %y %b %B %%); any other as Go's. short is
// true when the year has two digits.
func goLayout(s string) (layout string, short bool, err error) {
	layout = s
	if strings.Contains(s, "%") {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] != '%' {
				b.WriteByte(s[i])
				continue
			}
			if i+1 == len(s) || strftime[s[i+1]] == "" {
				return "", false, fmt.Errorf("layout %q: unknown directive at %q "+
					"(use %%d %%e %%m %%Y %%y %%b %%B)", s, s[i:min(i+2, len(s))])
			}
			i++
			b.WriteString(strftime[s[i]])
		}
		layout = b.String()
	}
	// A day above 12 tells day from month; the round trip shows whether
	// the layout keeps all three parts; 1950 reads back as 2050 from a
	// two-digit year.
	ref := time.Date(1950, time.November, 23, 0, 0, 0, 0, time.UTC)
	back, perr := time.Parse(layout, ref.Format(layout))
	if perr != nil || back.Year()%100 != 50 || back.Month() != ref.Month() ||
		back.Day() != ref.Day() {
		return "", false, fmt.Errorf("layout %q needs a day, a month and a year "+
			"(e.g. %%d.%%m.%%Y or 02.01.2006)", s)
	}
	return layout, back.Year() != ref.Year(), nil
}
