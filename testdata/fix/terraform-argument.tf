# A misspelt argument of a field block: --fix renames it.
resource "aws_datapipeline_pipeline_definition" "nightly" {
  pipeline_id = "df-0FIX00000000"

  pipeline_object {
    id   = "Default"
    name = "Default"
    field {
      key       = "scheduleType"
      str_value = "ondemand" # the argument is string_value
    }
    field {
      key          = "role"
      string_value = "DataPipelineDefaultRole"
    }
    field {
      key          = "resourceRole"
      string_value = "DataPipelineDefaultResourceRole"
    }
    field {
      key          = "pipelineLogUri"
      string_value = "s3://my-logs/"
    }
  }

  pipeline_object {
    id   = "Hello"
    name = "Hello"
    field {
      key          = "type"
      string_value = "ShellCommandActivity"
    }
    field {
      key          = "command"
      string_value = "echo hello"
    }
    field {
      key          = "workerGroup"
      string_value = "wg"
    }
  }
}
