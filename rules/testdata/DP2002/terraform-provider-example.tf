# Shaped like the Terraform AWS provider's example for
# aws_datapipeline_pipeline_definition, values our own. Note the mistake the
# example makes: SayHello names its parent and schedule with string_value,
# so Data Pipeline reads them as plain text instead of object references.

resource "aws_datapipeline_pipeline" "default" {
  name = "nightly-greeting"
}

resource "aws_datapipeline_pipeline_definition" "example" {
  pipeline_id = aws_datapipeline_pipeline.default.id

  pipeline_object {
    id   = "Default"
    name = "Default"
    field {
      key          = "workerGroup"
      string_value = "greeters"
    }
    field {
      key          = "failureAndRerunMode"
      string_value = "CASCADE"
    }
    field {
      key          = "resourceRole"
      string_value = "DataPipelineDefaultResourceRole"
    }
    field {
      key          = "role"
      string_value = "DataPipelineDefaultRole"
    }
    field {
      key          = "scheduleType"
      string_value = "cron"
    }
  }

  pipeline_object {
    id   = "Schedule"
    name = "Every two hours"
    field {
      key          = "type"
      string_value = "Schedule"
    }
    field {
      key          = "startDateTime"
      string_value = "2024-03-01T06:00:00"
    }
    field {
      key          = "period"
      string_value = "2 hours"
    }
  }

  pipeline_object {
    id   = "SayHello"
    name = "SayHello"
    field {
      key          = "type"
      string_value = "ShellCommandActivity"
    }
    field {
      key          = "command"
      string_value = "echo \"hello from #{@scheduledStartTime}\""
    }
    field {
      key          = "parent"
      string_value = "Default"
    }
    field {
      key          = "schedule"
      string_value = "Schedule"
    }
  }

  parameter_object {
    id = "myGreeting"
    attribute {
      key          = "type"
      string_value = "String"
    }
    attribute {
      key          = "default"
      string_value = "hello"
    }
  }

  parameter_value {
    id           = "myGreeting"
    string_value = "good morning"
  }
}
