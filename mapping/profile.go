package mapping

// Profile is the body of POST /api/v1/profiles, already in the API's form:
// a value here is exactly what is sent. Optional fields that are empty are
// left out of the JSON so the API applies its own defaults.
type Profile struct {
	FirstName        string   `json:"first_name"`
	LastName         string   `json:"last_name,omitempty"`
	Sex              int      `json:"sex"`
	DateOfBirth      string   `json:"date_of_birth"`
	ProfileGroupSlug string   `json:"profile_group_slug"`
	Email            string   `json:"email,omitempty"`
	Phone            string   `json:"phone,omitempty"`
	Height           *float64 `json:"height,omitempty"`
	Weight           *float64 `json:"weight,omitempty"`
	Language         string   `json:"language,omitempty"`
}

// Rules is the version of the cleaning that turns cells into requests. It
// goes up when a cell read before is now sent differently, so that a
// journal of an earlier version, whose requests are matched by their
// exact bytes, can be known for one that may not recognise its rows.
// Version 2 sends typographic hyphens and apostrophes in names as ASCII,
// email domains in their IDNA ASCII form, and heights and weights given
// in centimetres and kilograms to two decimals, not one.
const Rules = 2

// The API's field names, in the order of the reference page.
const (
	FieldFirstName = "first_name"
	FieldLastName  = "last_name"
	FieldSex       = "sex"
	FieldDOB       = "date_of_birth"
	FieldGroup     = "profile_group_slug"
	FieldEmail     = "email"
	FieldPhone     = "phone"
	FieldHeight    = "height"
	FieldWeight    = "weight"
	FieldLanguage  = "language"
)

// Fields lists the API's fields in the order of the reference page.
var Fields = []string{
	FieldFirstName, FieldLastName, FieldSex, FieldDOB, FieldGroup,
	FieldEmail, FieldPhone, FieldHeight, FieldWeight, FieldLanguage,
}
