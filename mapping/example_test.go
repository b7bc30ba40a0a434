package mapping_test

import (
	"fmt"

	"aniva-import/mapping"
)

func ExampleNewPlan() {
	header := []string{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum"}
	rows := [][]string{
		{"Maria", "Schmidt", "w", "03/04/1985"},
		{"Jonas", "Weber", "m", "22/11/1990"},
		{"Lena", "Meier", "x", "31/02/1980"},
	}
	plan, err := mapping.NewPlan(header, nil, mapping.Options{Group: "praxis-mitte"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		plan.Observe(r)
	}
	if err := plan.Settle(); err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		p, errs := plan.Map(r)
		fmt.Println(p.FirstName, p.Sex, p.DateOfBirth, p.ProfileGroupSlug)
		for _, e := range errs {
			fmt.Println("  ", e)
		}
	}
	for _, n := range plan.Notes() {
		fmt.Println(n)
	}
	// Output:
	// Maria 2 1985-04-03 praxis-mitte
	// Jonas 1 1990-11-22 praxis-mitte
	// Lena 0  praxis-mitte
	//    sex (column "Geschlecht"): the API accepts only 1 (male) and 2 (female)
	//    date_of_birth (column "Geburtsdatum"): must be a real calendar date
	// dates in column "Geburtsdatum" are read as dmy: 1 row can only be read that way
}

func ExampleAuto() {
	spec, matches := mapping.Auto([]string{"Etunimi", "Sukunimi", "Syntymäaika", "Puhelin privat"})
	for _, m := range matches {
		fmt.Printf("%s <- %q (%s)\n", m.Field, m.Header, m.Confidence)
	}
	fmt.Println(len(spec.Fields), "fields mapped")
	// Output:
	// first_name <- "Etunimi" (alias)
	// last_name <- "Sukunimi" (alias)
	// date_of_birth <- "Syntymäaika" (alias)
	// phone <- "Puhelin privat" (partial)
	// 4 fields mapped
}
