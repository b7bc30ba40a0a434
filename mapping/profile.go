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
