resource "aws_datapipeline_pipeline_definition" "broken" {
  pipeline_id = "df-0123456789"

  pipeline_object {
    id   = "Default"
    name = "Default"
    field {
      key          = "scheduleType"
      string_value = "ondemand"
    }
    ]
  }
}
