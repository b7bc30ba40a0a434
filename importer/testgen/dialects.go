package testgen

import "slices"

func lang(text, code string, weight int) choice {
	return choice{text: text, value: code, weight: weight}
}

func splitFirst(names []firstName) ([]string, []int) {
	n := make([]string, len(names))
	s := make([]int, len(names))
	for i, f := range names {
		n[i], s[i] = f.name, f.sex
	}
	return n, s
}

var dialects = map[Dialect]*dialect{
	German:  germanDialect(),
	Finnish: finnishDialect(),
	English: englishDialect(),
	Mixed:   mixedDialect(),
}

func germanDialect() *dialect {
	d := &dialect{
		header: [NumColumns]string{"Vorname", "Nachname", "Geschlecht (m/w)", "Geburtsdatum",
			"E-Mail", "Telefon", "Größe (m)", "Gewicht (kg)", "Sprache", "Standort"},
		comma: ';', crlf: true, windows1252: true, sheet: "Patienten", region: "DE",
		dateCellFormat: "dd.mm.yyyy",
		dateLayouts:    []choice{{text: "02.01.2006", weight: 95}, {text: "02.01.06", weight: 5}},
		dayFirst:       "02.01.2006",
		metres:         true, decimalComma: true,
		last:          germanLast,
		groups:        []choice{{text: groupBerlin, weight: 65}, {text: groupHamburg, weight: 35}},
		unknownGroups: []string{"acme-clinic-koeln", "acme-clinic-muenchen"},
		male:          slices.Concat(weighted(70, "m"), weighted(15, "M", "männlich")),
		female:        slices.Concat(weighted(70, "w"), weighted(15, "W", "weiblich")),
		unknownSex:    []string{"divers", "d", "X"},
		languages: []choice{lang("de", "de", 55), lang("Deutsch", "de", 10), lang("DE", "de", 5),
			lang("de-DE", "de", 5), lang("en", "en", 10), lang("", "", 15)},
		badLanguages: []string{"sv", "tr", "Französisch"},
		phones: phonePlan{ranges: germanPhones, nationalShare: 65,
			afterArea: []string{" ", " ", "/", "-", ""}, trunkVariants: true,
			cut: germanPhones[6:8]},
	}
	d.first, d.firstSex = splitFirst(germanFirst)
	// Windows-1252 has no Cyrillic letters.
	for _, x := range Defects() {
		if x != CyrillicName {
			d.defects = append(d.defects, x)
		}
	}
	return d
}

func finnishDialect() *dialect {
	d := &dialect{
		header: [NumColumns]string{"Etunimi", "Sukunimi", "Sukupuoli", "Syntymäaika",
			"Sähköposti", "Puhelin", "Pituus (cm)", "Paino (kg)", "Kieli", "Toimipiste"},
		comma: ';', crlf: true, bom: true, sheet: "Potilaat", region: "FI",
		dateCellFormat: "d.m.yyyy",
		dateLayouts:    []choice{{text: "2.1.2006", weight: 1}},
		dayFirst:       "2.1.2006",
		decimalComma:   true,
		last:           finnishLast,
		groups:         []choice{{text: groupHelsinki, weight: 1}},
		unknownGroups:  []string{"kallio-health-espoo", "kallio-health-tampere"},
		male: slices.Concat(weighted(70, "mies"), weighted(20, "Mies"),
			weighted(10, "m")),
		female: slices.Concat(weighted(70, "nainen"), weighted(20, "Nainen"),
			weighted(10, "n")),
		unknownSex: []string{"X", "muu", "tuntematon"},
		languages: []choice{lang("fi", "fi", 55), lang("suomi", "fi", 10), lang("Suomi", "fi", 5),
			lang("fi_FI", "fi", 5), lang("en", "en", 10), lang("englanti", "en", 5),
			lang("", "", 10)},
		badLanguages: []string{"sv", "ruotsi", "et"},
		phones: phonePlan{ranges: finnishPhones, nationalShare: 70,
			afterArea: []string{" ", " ", "-"}, trunkVariants: true, cut: finnishPhones[:2]},
		defects: Defects(),
	}
	d.first, d.firstSex = splitFirst(finnishFirst)
	return d
}

func englishDialect() *dialect {
	d := &dialect{
		header: [NumColumns]string{"First name", "Last name", "Gender", "DOB", "Email", "Mobile",
			"Height (cm)", "Weight (kg)", "Language", "Clinic"},
		comma: ',', sheet: "Patients", region: "GB",
		dateCellFormat: "dd/mm/yyyy",
		dateLayouts:    []choice{{text: "02/01/2006", weight: 70}, {text: isoLayout, weight: 30}},
		dayFirst:       "02/01/2006",
		last:           englishLast,
		groups:         []choice{{text: groupLeeds, weight: 1}},
		unknownGroups:  []string{"riverside-clinic-york", "riverside-clinic-bradford"},
		male:           slices.Concat(weighted(40, "male"), weighted(30, "M", "Male")),
		female:         slices.Concat(weighted(40, "female"), weighted(30, "F", "Female")),
		unknownSex:     []string{"X", "unknown", "U"},
		languages: []choice{lang("en", "en", 55), lang("English", "en", 10), lang("EN", "en", 5),
			lang("de", "de", 5), lang("German", "de", 3), lang("fi", "fi", 4),
			lang("Finnish", "fi", 3), lang("", "", 15)},
		badLanguages: []string{"sv", "fr", "Welsh"},
		phones: phonePlan{ranges: britishPhones, nationalShare: 60,
			afterArea: []string{" "}, trunkVariants: true, cut: britishPhones[:2]},
		defects: Defects(),
	}
	d.first, d.firstSex = splitFirst(englishFirst)
	return d
}

func mixedDialect() *dialect {
	de, fi, en := germanDialect(), finnishDialect(), englishDialect()
	d := &dialect{
		header: Columns,
		comma:  ',', sheet: "Sheet1",
		dateCellFormat: "yyyy-mm-dd",
		dateLayouts: []choice{{text: isoLayout, weight: 50}, {text: "02.01.2006", weight: 25},
			{text: "02/01/2006", weight: 25}},
		dayFirst:      "02.01.2006",
		unitsInValues: true,
		last:          unique(slices.Concat(de.last, fi.last, en.last)),
		groups: []choice{{text: groupBerlin, weight: 1}, {text: groupHamburg, weight: 1},
			{text: groupHelsinki, weight: 1}, {text: groupLeeds, weight: 1}},
		unknownGroups: slices.Concat(de.unknownGroups, fi.unknownGroups, en.unknownGroups),
		male:          slices.Concat(weighted(20, "1"), de.male, fi.male, en.male),
		female:        slices.Concat(weighted(20, "2"), de.female, fi.female, en.female),
		unknownSex: slices.Concat(de.unknownSex, fi.unknownSex, en.unknownSex,
			[]string{"0", "9"}),
		languages:    slices.Concat(de.languages, fi.languages, en.languages),
		badLanguages: slices.Concat(de.badLanguages, fi.badLanguages, en.badLanguages),
		phones: phonePlan{ranges: slices.Concat(germanPhones, finnishPhones, britishPhones),
			cut: slices.Concat(de.phones.cut, fi.phones.cut, en.phones.cut)},
		defects: Defects(),
	}
	d.first, d.firstSex = splitFirst(unique(slices.Concat(germanFirst, finnishFirst,
		englishFirst)))
	return d
}

// unique drops repeats, keeping first places: a name in two pools would
// otherwise give two slots the same patient.
func unique[T comparable](list []T) []T {
	seen := make(map[T]bool, len(list))
	out := list[:0:0]
	for _, x := range list {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
