# A correct pipeline deployed with Terraform: literals are checked,
# interpolations are values known only at apply time.
variable "log_bucket" {
  type    = string
  default = "my-logs"
}

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
      string_value = "cron"
    }
    field {
      key       = "schedule"
      ref_value = "Daily"
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
      string_value = "s3://${var.log_bucket}/logs/"
    }
  }

  pipeline_object {
    id   = "Daily"
    name = "Every day"
    field {
      key          = "type"
      string_value = "Schedule"
    }
    field {
      key          = "period"
      string_value = "1 day"
    }
    field {
      key          = "startAt"
      string_value = "FIRST_ACTIVATION_DATE_TIME"
    }
  }

  pipeline_object {
    id   = "Worker"
    name = "Worker"
    field {
      key          = "type"
      string_value = "Ec2Resource"
    }
    field {
      key          = "terminateAfter"
      string_value = "2 Hours"
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
      key       = "runsOn"
      ref_value = "Worker"
    }
    field {
      key          = "command"
      string_value = "echo #{format(@scheduledStartTime,'YYYY-MM-dd')} $${HOME}"
    }
  }
}
