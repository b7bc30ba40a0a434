package normalize_test

import (
	"fmt"
	"time"

	"aniva-import/mapping/normalize"
)

func ExampleDate() {
	today := time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)
	cells := []string{"22.3.85", "03/22/1985", "22. März 1985", "30845", "03/04/1985"}
	for _, cell := range cells {
		d, err := normalize.Date(cell, normalize.OrderUnknown, false, today)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(d.Format(time.DateOnly))
	}
	// Output:
	// 1985-03-22
	// 1985-03-22
	// 1985-03-22
	// 1984-06-12
	// error: is ambiguous: the day and the month could be either way round
}

func ExampleDateOrders() {
	// The orders left after intersecting a column's values settle it.
	fmt.Println(normalize.DateOrders("03/04/1985"), normalize.DateOrders("13/04/1985"))
	// Output: [1 2] [1]
}

func ExamplePhone() {
	for _, cell := range []string{"030 1234567", "+49 (0)30 1234567", "4930123456", "4.93E+12"} {
		p, err := normalize.Phone(cell, "DE")
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(p)
	}
	// Output:
	// +49301234567
	// +49301234567
	// +4930123456
	// error: has lost digits: a spreadsheet stored it as a rounded number
}

func ExampleSplitName() {
	first, last, _ := normalize.SplitName("Schmidt, Maria Anna")
	fmt.Printf("%q %q\n", first, last)
	first, last, _ = normalize.SplitName("Ludwig van Beethoven")
	fmt.Printf("%q %q\n", first, last)
	// Output:
	// "Maria Anna" "Schmidt"
	// "Ludwig" "van Beethoven"
}

func ExampleMeasure() {
	cm, _ := normalize.Measure("1,68", normalize.UnitIn("Größe (m)"), true)
	kg, _ := normalize.Measure("154 lbs", normalize.UnitNone, false)
	fmt.Println(cm, kg)
	// Output: 168 69.9
}
