resource "aws_datapipeline_pipeline" "nightly" {
  name = "nightly"
}

resource "aws_datapipeline_pipeline_definition" "nightly" {
  pipeline_id = aws_datapipeline_pipeline.nightly.id

  pipeline_object {
    id   = "Default"
    name = "Default"
    field {
      key          = "scheduleType"
      string_value = "ondemand"
    }
    field {
      key          = "failureAndRerunMode"
      string_value = "CASCADE"
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
      string_value = "s3://my-bucket/logs/"
    }
  }

  pipeline_object {
    id   = "Say"
    name = "Say"
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
      ref_value = "Nowhere"
    }
  }
}
