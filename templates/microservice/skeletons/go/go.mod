// No go.sum comes with the generated service (it is generated offline): run
// `make tidy` once with a module proxy and commit go.sum. Until then builds
// use -mod=mod, which verifies each module against the Go checksum database
// and records its checksum.
module ${{ values.name }}

go 1.19

require (
{%- if values.database == "dynamodb" %}
	github.com/aws/aws-sdk-go v1.44.133
{%- endif %}
	github.com/gin-gonic/gin v1.8.1
{%- if values.database == "postgresql" %}
	github.com/lib/pq v1.10.7
{%- endif %}
)

require (
	github.com/gin-contrib/sse v0.1.0 // indirect
	github.com/go-playground/locales v0.14.0 // indirect
	github.com/go-playground/universal-translator v0.18.0 // indirect
	github.com/go-playground/validator/v10 v10.10.0 // indirect
	github.com/goccy/go-json v0.9.7 // indirect
{%- if values.database == "dynamodb" %}
	github.com/jmespath/go-jmespath v0.4.0 // indirect
{%- endif %}
	github.com/json-iterator/go v1.1.12 // indirect
	github.com/leodido/go-urn v1.2.1 // indirect
	github.com/mattn/go-isatty v0.0.14 // indirect
	github.com/modern-go/concurrent v0.0.0-20180228061459-e0a39a4cb421 // indirect
	github.com/modern-go/reflect2 v1.0.2 // indirect
	github.com/pelletier/go-toml/v2 v2.0.1 // indirect
	github.com/ugorji/go/codec v1.2.7 // indirect
	golang.org/x/crypto v0.0.0-20210711020723-a769d52b0f97 // indirect
{%- if values.database == "dynamodb" %}
	golang.org/x/net v0.1.0 // indirect
	golang.org/x/sys v0.1.0 // indirect
	golang.org/x/text v0.4.0 // indirect
{%- else %}
	golang.org/x/net v0.0.0-20210226172049-e18ecbb05110 // indirect
	golang.org/x/sys v0.0.0-20210806184541-e5e7981a1069 // indirect
	golang.org/x/text v0.3.6 // indirect
{%- endif %}
	google.golang.org/protobuf v1.28.0 // indirect
	gopkg.in/yaml.v2 v2.4.0 // indirect
)
