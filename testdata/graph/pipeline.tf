# A pipeline deployed with Terraform: an activity, what it reads and
# writes, and the database its SQL node lives in.
resource "aws_datapipeline_pipeline" "etl" {
  name = "etl"
}

resource "aws_datapipeline_pipeline_definition" "etl" {
  pipeline_id = aws_datapipeline_pipeline.etl.id

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
      string_value = "s3://example-logs/etl/"
    }
  }

  pipeline_object {
    id   = "Warehouse"
    name = "Warehouse"
    field {
      key          = "type"
      string_value = "RdsDatabase"
    }
    field {
      key          = "rdsInstanceId"
      string_value = "warehouse"
    }
    field {
      key          = "username"
      string_value = "etl"
    }
    field {
      key          = "*password"
      string_value = "never-shown"
    }
  }

  pipeline_object {
    id   = "Orders"
    name = "Orders"
    field {
      key          = "type"
      string_value = "SqlDataNode"
    }
    field {
      key       = "database"
      ref_value = "Warehouse"
    }
    field {
      key          = "table"
      string_value = "orders"
    }
    field {
      key          = "selectQuery"
      string_value = "select * from orders"
    }
  }

  pipeline_object {
    id   = "Export"
    name = "Export"
    field {
      key          = "type"
      string_value = "S3DataNode"
    }
    field {
      key          = "directoryPath"
      string_value = "s3://example-out/orders/"
    }
  }

  pipeline_object {
    id   = "Dump"
    name = "Dump"
    field {
      key          = "type"
      string_value = "CopyActivity"
    }
    field {
      key       = "input"
      ref_value = "Orders"
    }
    field {
      key       = "output"
      ref_value = "Export"
    }
    field {
      key       = "runsOn"
      ref_value = "Runner"
    }
  }

  pipeline_object {
    id   = "Runner"
    name = "Runner"
    field {
      key          = "type"
      string_value = "Ec2Resource"
    }
    field {
      key          = "terminateAfter"
      string_value = "1 Hour"
    }
  }
}
