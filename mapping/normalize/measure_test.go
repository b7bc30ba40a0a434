package normalize

import (
	"fmt"
	"testing"
)

func TestMeasure(t *testing.T) {
	tests := []struct {
		in     string
		u      Unit
		height bool
		want   float64
	}{
		{"168", UnitNone, true, 168},
		{"168.0", UnitNone, true, 168},
		{"168,0", UnitNone, true, 168},
		{"1,68e2", UnitNone, true, 168},
		{"1.68E+2", UnitNone, true, 168},
		{"168,44", UnitNone, true, 168.44},
		{"168.455", UnitNone, true, 168.46}, {"1,685 m", UnitNone, true, 168.5},
		{"168 cm", UnitNone, true, 168},
		{"168cm", UnitNone, true, 168},
		{"168 CM", UnitNone, true, 168},
		{"1,68 m", UnitNone, true, 168},
		{"1.68m", UnitNone, true, 168},
		{"1,68 m", Centimetre, true, 168}, // the value's own unit wins
		{"1,68", Metre, true, 168},
		{"1.755", Metre, true, 175.5},
		{"66 in", UnitNone, true, 167.6},
		{"66\"", UnitNone, true, 167.6},
		{"66", Inch, true, 167.6},
		{"5'6\"", UnitNone, true, 167.6},
		{"5' 6\"", UnitNone, true, 167.6},
		{"5'6", UnitNone, true, 167.6},
		{"5 ft 6 in", UnitNone, true, 167.6},
		{"6'", UnitNone, true, 182.9},
		{"50", UnitNone, true, 50},
		{"65", UnitNone, false, 65},
		{"65 kg", UnitNone, false, 65},
		{"65kg", UnitNone, false, 65},
		{"65,5 kg", UnitNone, false, 65.5},
		{"3,45", Kilogram, false, 3.45}, {"70.25", UnitNone, false, 70.25},
		{"154 lb", UnitNone, false, 69.9},
		{"154 lbs", UnitNone, false, 69.9},
		{"154 lbs.", UnitNone, false, 69.9},
		{"154", Pound, false, 69.9},
		{"250", UnitNone, true, 250},
		{"30", UnitNone, true, 30}, {"24", UnitNone, true, 24}, {"275", UnitNone, true, 275},
		{"1", UnitNone, false, 1},
		{"400", UnitNone, false, 400}, {"0,4", UnitNone, false, 0.4}, {"650", UnitNone, false, 650},
		{" 168\u00a0cm ", UnitNone, true, 168},
	}
	for _, tt := range tests {
		got, err := Measure(tt.in, tt.u, tt.height)
		if err != nil || got != tt.want {
			t.Errorf("Measure(%q, %d, %v) = %v, %v; want %v",
				tt.in, tt.u, tt.height, got, err, tt.want)
		}
	}
}

func TestMeasureErrors(t *testing.T) {
	height, weight := "must be between 20 and 275 cm", "must be between 0.2 and 650 kg"
	tests := []struct {
		in         string
		u          Unit
		height     bool
		rule, hint string
	}{
		{"", UnitNone, true, "must not be empty", ""},
		{"1,68", UnitNone, true, height, "if the column is in metres"},
		{"1680", UnitNone, true, height, "if the column has another unit"},
		{"0", UnitNone, true, height, ""},
		{"-168", UnitNone, true, height, ""},
		{"19,9", UnitNone, true, height, ""}, {"280", UnitNone, true, height, ""},
		{"168", Metre, true, height, "check the value and its unit"},
		{"3 m", UnitNone, true, height, ""},
		{"0", UnitNone, false, weight, ""},
		{"651", UnitNone, false, weight, ""}, {"0,1", UnitNone, false, weight, ""},
		{"65000", UnitNone, false, weight, ""},
		{"1500 lb", UnitNone, false, weight, ""},
		{"65 kg", UnitNone, true, "has a unit of weight, not of height", "weight"},
		{"168", Kilogram, true, "has a unit of weight, not of height", ""},
		{"168 cm", UnitNone, false, "has a unit of length, not of weight", "height"},
		{"65", Metre, false, "has a unit of length, not of weight", ""},
		{"5'6\"", UnitNone, false, "has a unit of length, not of weight", ""},
		{"168 mm", UnitNone, true, "has a unit other than cm, m, in, kg or lb", ""},
		{"65 Pfund", UnitNone, false, "has a unit other than cm, m, in, kg or lb", ""},
		{"abc", UnitNone, true, "must be a number such as 168 or 1,68 m", ""},
		{"cm 168", UnitNone, true, "must be a number such as 168 or 1,68 m", ""},
		{"1.234,5", UnitNone, false, "must be a number such as 168 or 1,68 m", ""},
		{"65 / 70", UnitNone, false, "must be a number such as 168 or 1,68 m", ""},
		{"5'13\"", UnitNone, true, "must be feet and inches such as 5'6\"", ""},
		{"5'6 kg", UnitNone, true, "must be feet and inches such as 5'6\"", ""},
	}
	for _, tt := range tests {
		got, err := Measure(tt.in, tt.u, tt.height)
		call := fmt.Sprintf("Measure(%q, %d, %v)", tt.in, tt.u, tt.height)
		checkError(t, call, got, err, tt.rule, tt.hint)
	}
}

func TestUnitIn(t *testing.T) {
	tests := []struct {
		in   string
		want Unit
	}{
		{"Größe (m)", Metre},
		{"Größe (cm)", Centimetre},
		{"Weight (lbs)", Pound},
		{"Weight (lb)", Pound},
		{"Gewicht [kg]", Kilogram},
		{"Pituus cm", Centimetre},
		{"Paino, kg", Kilogram},
		{"Height in cm", Centimetre},
		{"Height (in)", Inch},
		{"Height (inches)", Inch},
		{"height_cm", Centimetre},
		{"168 cm", Centimetre},
		{"Height", UnitNone},
		{"Größe", UnitNone},
		{"Height in", UnitNone},
		{"Height (cm) / Weight (kg)", UnitNone},
		{"", UnitNone},
	}
	for _, tt := range tests {
		if got := UnitIn(tt.in); got != tt.want {
			t.Errorf("UnitIn(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
