module github.com/dplint/dplint

go 1.26.8

require (
	github.com/santhosh-tekuri/jsonschema/v5 v5.3.1
	golang.org/x/tools v0.52.0
)
