# A reference to an id no object has, off by case: --fix writes the id.
resource "aws_datapipeline_pipeline_definition" "nightly" {
  pipeline_id = "df-0FIX00000000"

  pipeline_object {
    id   = "Default"
    name = "Default"
    field {
      key          = "scheduleType"
      string_value = "ondemand"
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
    id   = "MyWorker"
    name = "MyWorker"
    field {
      key          = "type"
      string_value = "Ec2Resource"
    }
    field {
      key          = "terminateAfter"
      string_value = "1 Hour"
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
      key       = "runsOn"
      ref_value = "myworker"
    }
  }
}
