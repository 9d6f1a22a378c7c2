package config

// Starter is the commented file `dplint init` writes.
const Starter = `# dplint configuration (https://github.com/dplint/dplint/blob/main/docs/configuration.md).
# dplint looks for .dplint.yaml in the working directory and every directory
# above it; --config FILE names one. Command-line flags win over this file.

rules:
  # Turn rules off or on, by id or name (dplint rules lists them).
  disable: []            # e.g. [DP2006, runs-on-and-worker-group]
  enable: []
  # only: [DP2001]       # run only these
  # Change a rule's severity: error, warning or info.
  severity: {}           # e.g. {unused-object: info}

# The lowest severity that makes dplint exit 1.
fail-level: error

# Your account's objects-per-pipeline limit (the service's default is 100).
max-objects: 100

# A file named on the command line that holds no pipeline is a finding
# (DP0007) rather than skipped; files found in a directory are never.
strict: false

# The scheduled start time for --show-values, YYYY-MM-DDTHH:MM:SS in UTC.
# at: "2026-01-01T00:00:00"

# Values for ${name} placeholders of templated definitions.
template-vars: {}        # e.g. {env: prod}

# Parameter values, as the AWS CLI's --parameter-values-uri file gives them.
values: {}               # e.g. {myS3Bucket: s3://my-bucket, myTables: [a, b]}

# Findings known already (dplint lint --write-baseline FILE records them):
# only new ones are reported and fail. Relative to this file; --baseline wins.
# baseline: dplint-baseline.json

# Per-path changes, globs relative to this file (** spans directories).
overrides: []
#  - paths: ["pipelines/fragments/**/*.json"]
#    disable: [missing-reference]   # their references live in the skeleton
#    severity: {unused-object: info}
`
