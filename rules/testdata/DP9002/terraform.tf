variable "schedule_id" {
  type = string
}

variable "extra_fields" {
  type = map(string)
}

resource "aws_datapipeline_pipeline_definition" "bad" {
  pipeline_id = "df-0BAD00000000"

  pipeline_object {
    id   = "Default"
    name = "Default"
    field {
      key       = "scheduleType"
      str_value = "cron"
    }
    field {
      key       = "schedule"
      ref_value = var.schedule_id
    }
    feild {
      key          = "role"
      string_value = "DataPipelineDefaultRole"
    }
  }

  pipeline_object {
    id = "NoName"
    field {
      key          = "type"
      string_value = "ShellCommandActivity"
      ref_value    = "Default"
    }
    field {
      key = "command"
    }
    dynamic "field" {
      for_each = var.extra_fields
      content {
        key          = field.key
        string_value = field.value
      }
    }
  }

  dynamic "pipeline_object" {
    for_each = ["A", "B"]
    content {
      id   = pipeline_object.value
      name = pipeline_object.value
    }
  }
}
