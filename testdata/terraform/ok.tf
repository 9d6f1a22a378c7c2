variable "environment" {
  type    = string
  default = "staging"
}

variable "log_bucket" {
  type = string
}

locals {
  worker_group = "etl-${var.environment}"
}

resource "aws_s3_bucket" "logs" {
  bucket = var.log_bucket
}

resource "aws_datapipeline_pipeline" "copy" {
  name = "copy-${var.environment}"
}

resource "aws_datapipeline_pipeline_definition" "copy" {
  pipeline_id = aws_datapipeline_pipeline.copy.id

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
      key          = "workerGroup"
      string_value = local.worker_group
    }
    field {
      key          = "pipelineLogUri"
      string_value = "s3://${aws_s3_bucket.logs.bucket}/logs/"
    }
    field {
      key          = "maximumRetries"
      string_value = 3
    }
    field {
      key          = "enableDebugging"
      string_value = true
    }
  }

  pipeline_object {
    id   = "Daily"
    name = "Daily"
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
    id   = "CopyLogs"
    name = "CopyLogs"
    field {
      key          = "type"
      string_value = "ShellCommandActivity"
    }
    field {
      key          = "command"
      string_value = <<-EOT
        aws s3 sync s3://source/#{format(@scheduledStartTime,'YYYY-MM-dd')}/ "$${OUTPUT1_STAGING_DIR}"
      EOT
    }
    field {
      key          = "stdout"
      string_value = "s3://bucket/\"quoted\"/out"
    }
    field {
      key          = "stderr"
      string_value = "s3://bucket/$${HOME}/err %%{x}"
    }
    field {
      key       = "runsOn"
      ref_value = "Worker"
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

  parameter_object {
    id = "myBucket"
    attribute {
      key          = "type"
      string_value = "AWS::S3::ObjectKey"
    }
  }

  parameter_value {
    id           = "myBucket"
    string_value = var.log_bucket
  }
}

resource "aws_datapipeline_pipeline_definition" "ping" {
  pipeline_id = "df-00PING000000"

  pipeline_object {
    id   = "Default"
    name = "Default"
    field {
      key          = "scheduleType"
      string_value = "ondemand"
    }
  }
}
